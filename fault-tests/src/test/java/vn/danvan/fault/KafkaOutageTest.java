package vn.danvan.fault;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The broker stops while plans are signed and models registered and recognised: plan-service keeps accepting every
 * write, its outbox holds every event, and once the broker is back (same log directory) every event reaches
 * reporting-service and is applied once: the reports equal plan-service's data.
 */
@Order(5)
class KafkaOutageTest {
    static FaultPlatform platform;
    static Province province;
    static Province.District district;
    static List<UUID> modelsBefore = new ArrayList<>();
    static UUID planBefore;

    @BeforeAll
    static void districtKnownEverywhere() {
        platform = FaultPlatform.get();
        province = new Province(platform);
        district = province.district("Huyện Duy Tiên (Kafka outage)");
        modelsBefore.add(province.registerModel(district.commune1(), "NEW", null, "2024-02-14"));
        modelsBefore.add(province.registerModel(district.commune2(), "NEW", null, "2024-03-08"));
        planBefore = province.createPlan(district.board(), List.of(district.commune1()));
        province.awaitReportsMatchPlanService(district, Duration.ofSeconds(30));
        province.awaitQuiet();
    }

    @Test
    void writesDuringABrokerOutageAreHeldInTheOutboxAndAppliedOnceWhenItReturns() throws Exception {
        Province.ModelCounts reportedBefore = province.modelsInReport(district.id());
        platform.launcher.stopKafka();
        List<UUID> aggregates = new ArrayList<>();
        try {
            // Every write is accepted while the broker is away.
            province.recognize(modelsBefore.get(0), "DISTRICT", "2024-06-20", "QĐ 300/QĐ-HU");
            province.recognize(modelsBefore.get(1), "COMMUNE", "2024-05-05", "QĐ 12/QĐ-ĐU");
            province.sign(planBefore, district.board(), List.of(district.commune1()));
            aggregates.addAll(List.of(modelsBefore.get(0), modelsBefore.get(1), planBefore));
            for (int i = 0; i < 6; i++) {
                UUID model = province.registerModel(i % 2 == 0 ? district.commune1() : district.commune2(),
                        i < 4 ? "NEW" : "REPLICATED", i < 4 ? null : modelsBefore.get(0), "2024-0" + (i + 3) + "-1" + i);
                aggregates.add(model);
                if (i % 3 == 0) {
                    province.recognize(model, i == 0 ? "PROVINCE" : "DISTRICT", "2024-10-0" + (i + 1), "QĐ " + (400 + i));
                }
            }
            for (int i = 0; i < 3; i++) {
                UUID plan = province.createPlan(district.board(), List.of(i == 0 ? district.commune1() : district.commune2()));
                aggregates.add(plan);
                if (i < 2) {
                    province.sign(plan, district.board(), List.of(i == 0 ? district.commune1() : district.commune2()));
                }
            }
            // 2 recognitions + 1 signing + 6 registrations + 2 recognitions + 3 creations + 2 signings.
            assertEquals(16, held(aggregates), "the outbox holds every event of the outage, none relayed");
            assertEquals(reportedBefore, province.modelsInReport(district.id()), "reporting-service has seen nothing yet");
        } finally {
            platform.launcher.startKafka();
        }

        await("outbox relayed after the broker returned").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> held(aggregates) == 0);
        province.awaitReportsMatchPlanService(district, Duration.ofSeconds(90));
        List<UUID> all = Stream.concat(aggregates.stream(), modelsBefore.stream()).distinct().toList();
        long events = province.count("plan", "SELECT count(*) FROM outbox_event WHERE aggregateid::uuid = ANY(?)", all);
        await("every event of the district recorded once by reporting-service").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300)).until(() -> appliedByReporting(all), applied -> applied == events);
    }

    /** Events of the aggregates that the outbox still holds (not relayed). */
    private static long held(List<UUID> aggregates) throws Exception {
        return province.count("plan",
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND aggregateid::uuid = ANY(?)", aggregates);
    }

    /** How many of the outbox's events of these aggregates reporting-service has recorded as processed. */
    private static long appliedByReporting(List<UUID> aggregates) throws Exception {
        List<UUID> eventIds = province.strings("plan", "SELECT id::text FROM outbox_event WHERE aggregateid::uuid = ANY(?)",
                aggregates).stream().map(UUID::fromString).toList();
        return province.count("reporting", "SELECT count(*) FROM processed_event WHERE event_id = ANY(?)", eventIds);
    }
}

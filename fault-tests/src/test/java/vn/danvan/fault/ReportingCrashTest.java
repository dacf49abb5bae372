package vn.danvan.fault;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * reporting-service is SIGKILLed while a burst of registrations, recognitions and signings is being applied, and
 * started again: it resumes from its last committed offsets, skips what it had already applied, and its reports equal
 * plan-service's data.
 */
@Order(6)
class ReportingCrashTest {
    static final int MODELS = 60;

    static FaultPlatform platform;
    static Province province;
    static Province.District district;

    @BeforeAll
    static void district() {
        platform = FaultPlatform.get();
        province = new Province(platform);
        district = province.district("Huyện Phủ Lý (crash)");
        province.awaitQuiet();
    }

    @Test
    void reportingServiceKilledInTheMiddleOfABurstReportsExactlyAfterItsRestart() throws Exception {
        List<UUID> aggregates = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
            List<UUID> communes = district.communes();
            for (int i = 0; i < MODELS; i++) {
                UUID model = province.registerModel(communes.get(i % 2), i % 4 == 3 ? "REPLICATED" : "NEW",
                        i % 4 == 3 ? aggregates.get(0) : null, "2024-%02d-%02d".formatted(1 + i % 12, 1 + i % 28));
                aggregates.add(model);
                if (i % 3 == 0) {
                    province.recognize(model, List.of("COMMUNE", "DISTRICT", "PROVINCE").get(i % 9 / 3),
                            "2024-12-%02d".formatted(1 + i % 28), "QĐ " + i + "/2024");
                }
                if (i % 10 == 0) {
                    UUID plan = province.createPlan(district.board(), List.of(communes.get(i % 2)));
                    aggregates.add(plan);
                    province.sign(plan, district.board(), List.of(communes.get(i % 2)));
                }
            }
        });

        // Kill it once it is visibly in the middle of applying the burst.
        await("reporting-service applying the burst").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> province.count("reporting", "SELECT count(*) FROM model_fact WHERE unit_id = ANY(?)",
                        district.communes()) >= 10);
        platform.launcher.killService(FaultPlatform.REPORTING_SERVICE);
        long appliedAtKill = province.count("reporting", "SELECT count(*) FROM model_fact WHERE unit_id = ANY(?)",
                district.communes());
        assertThrows(UncheckedIOException.class, () -> platform.reports.get("/q/health/live"), "reporting-service is dead");

        burst.get(120, TimeUnit.SECONDS);
        System.out.printf("crash: reporting-service killed with %d of %d models applied%n", appliedAtKill, MODELS);
        platform.launcher.startService(FaultPlatform.REPORTING_SERVICE);

        province.awaitReportsMatchPlanService(district, Duration.ofSeconds(90));
        assertEquals(MODELS, province.modelsInReport(district.id()).registered(), "every model of the burst counted once");
        long events = province.count("plan", "SELECT count(*) FROM outbox_event WHERE aggregateid::uuid = ANY(?)", aggregates);
        List<UUID> eventIds = province.strings("plan", "SELECT id::text FROM outbox_event WHERE aggregateid::uuid = ANY(?)",
                aggregates).stream().map(UUID::fromString).toList();
        await("every event of the burst recorded once").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> province.count("reporting", "SELECT count(*) FROM processed_event WHERE event_id = ANY(?)", eventIds),
                        applied -> applied == events);
    }
}

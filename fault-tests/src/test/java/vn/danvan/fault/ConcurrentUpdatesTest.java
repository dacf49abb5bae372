package vn.danvan.fault;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 50 writers change one model or one plan at the same moment. With the same If-Match exactly one wins and the others
 * get 412 or 409; without If-Match every 200 is kept (version and events), nothing is lost and nothing answers 5xx.
 */
@Order(2)
class ConcurrentUpdatesTest {
    static final int WRITERS = 50;

    static FaultPlatform platform;
    static Province province;
    static Province.District district;

    @BeforeAll
    static void district() {
        platform = FaultPlatform.get();
        province = new Province(platform);
        district = province.district("Huyện Bình Lục (concurrency)");
    }

    @Test
    void fiftyUpdatesOfOneModelWithTheSameIfMatchLeaveOneWinnerAndOneEvent() throws Exception {
        UUID model = province.registerModel(district.commune1(), "NEW", null, "2024-05-10");
        Api.Answer current = platform.plans.get("/api/models/" + model).expect(200);

        List<Api.Answer> answers = concurrently(i -> platform.plans.put("/api/models/" + model,
                Province.model("Mô hình sửa lần " + i, district.commune1(), "NEW", null, "2024-05-10"), current.etag()));

        Api.Answer winner = onlyOneWinner(answers, 200);
        JsonNode stored = platform.plans.get("/api/models/" + model).expect(200).json();
        assertEquals(current.json().path("version").asLong() + 1, stored.path("version").asLong(), "one update, one version");
        assertEquals(winner.json().path("name").asText(), stored.path("name").asText(), "the stored model is the winner's");
        assertEquals(1, outboxEvents(model, "model-updated"), "one model-updated event for one update");
        await("reporting-service holds the winner's name").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> province.strings("reporting", "SELECT name FROM model_fact WHERE model_id = ANY(?)", List.of(model)),
                        names -> names.equals(List.of(stored.path("name").asText())));
        province.awaitReportsMatchPlanService(district, Duration.ofSeconds(30));
    }

    @Test
    void fiftyRecognitionsOfOneModelWithTheSameIfMatchRecordOne() throws Exception {
        UUID model = province.registerModel(district.commune2(), "NEW", null, "2024-02-01");
        Api.Answer current = platform.plans.get("/api/models/" + model).expect(200);

        List<Api.Answer> answers = concurrently(i -> platform.plans.post("/api/models/" + model + "/recognitions",
                Province.recognition("DISTRICT", "2024-06-0" + (1 + i % 9), "QĐ " + i + "/QĐ-HU"), current.etag()));

        onlyOneWinner(answers, 201);
        JsonNode stored = platform.plans.get("/api/models/" + model).expect(200).json();
        assertEquals(1, stored.path("recognitions").size(), "one recognition: " + stored.path("recognitions"));
        assertEquals(1, outboxEvents(model, "model-recognized"), "one model-recognized event");
        province.awaitReportsMatchPlanService(district, Duration.ofSeconds(30));
    }

    @Test
    void fiftyUpdatesOfOneDraftPlanWithTheSameIfMatchLeaveOneWinnerAndOneEvent() throws Exception {
        UUID plan = province.createPlan(district.board(), List.of(district.commune1()));
        Api.Answer current = platform.plans.get("/api/plans/" + plan).expect(200);

        List<Api.Answer> answers = concurrently(i -> platform.plans.put("/api/plans/" + plan,
                Province.plan("Kế hoạch phối hợp, bản " + i, district.board(), List.of(district.commune1(), district.commune2())),
                current.etag()));

        Api.Answer winner = onlyOneWinner(answers, 200);
        JsonNode stored = platform.plans.get("/api/plans/" + plan).expect(200).json();
        assertEquals(current.json().path("version").asLong() + 1, stored.path("version").asLong(), "one update, one version");
        assertEquals(winner.json().path("title").asText(), stored.path("title").asText(), "the stored plan is the winner's");
        assertEquals(1, outboxEvents(plan, "plan-updated"), "one plan-updated event for one update");
        province.awaitReportsMatchPlanService(district, Duration.ofSeconds(30));
    }

    @Test
    void fiftyUpdatesOfOneModelWithoutIfMatchLoseNoAcceptedChange() throws Exception {
        UUID model = province.registerModel(district.commune1(), "NEW", null, "2024-07-01");
        long version = platform.plans.get("/api/models/" + model).expect(200).json().path("version").asLong();

        List<Api.Answer> answers = concurrently(i -> platform.plans.put("/api/models/" + model,
                Province.model("Không If-Match " + i, district.commune1(), "NEW", null, "2024-07-01"), null));

        Map<Integer, Integer> statuses = statuses(answers);
        assertTrue(statuses.keySet().stream().allMatch(s -> s == 200 || s == 409), "only 200 or 409, got " + statuses);
        answers.stream().filter(a -> a.status() == 409).forEach(ConcurrentUpdatesTest::assertProblem);
        int accepted = statuses.getOrDefault(200, 0);
        assertTrue(accepted >= 1, "at least one update wins: " + statuses);
        JsonNode stored = platform.plans.get("/api/models/" + model).expect(200).json();
        assertEquals(version + accepted, stored.path("version").asLong(), "every accepted update is one version " + statuses);
        assertEquals(accepted, outboxEvents(model, "model-updated"), "every accepted update is one event " + statuses);
        List<String> acceptedNames = answers.stream().filter(a -> a.status() == 200).map(a -> a.json().path("name").asText()).toList();
        assertTrue(acceptedNames.contains(stored.path("name").asText()), "the stored name was accepted by some 200");
        await("reporting-service holds the last accepted name").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> province.strings("reporting", "SELECT name FROM model_fact WHERE model_id = ANY(?)", List.of(model)),
                        names -> names.equals(List.of(stored.path("name").asText())));
    }

    @Test
    void fiftySigningsOfOneDraftPlanWithoutIfMatchSignItOnceWithOneEvent() throws Exception {
        UUID plan = province.createPlan(district.board(), List.of(district.commune2()));

        List<Api.Answer> answers = concurrently(i -> platform.plans.post("/api/plans/" + plan + "/signing",
                Province.signing(district.board(), List.of(district.commune2())), null));

        onlyOneWinner(answers, 200);
        assertEquals("SIGNED", platform.plans.get("/api/plans/" + plan).expect(200).json().path("status").asText());
        assertEquals(1, outboxEvents(plan, "plan-signed"), "one plan-signed event for one signing");
        province.awaitReportsMatchPlanService(district, Duration.ofSeconds(30));
    }

    @Test
    void fiftyIdenticalRecognitionsWithoutIfMatchRecordOneAndRefuseTheRestAsConflicts() throws Exception {
        UUID model = province.registerModel(district.commune1(), "NEW", null, "2024-03-03");

        List<Api.Answer> answers = concurrently(i -> platform.plans.post("/api/models/" + model + "/recognitions",
                Province.recognition("PROVINCE", "2024-08-19", "QĐ 1234/QĐ-UBND"), null));

        Map<Integer, Integer> statuses = statuses(answers);
        assertEquals(1, statuses.getOrDefault(201, 0), "exactly one 201, got " + statuses);
        assertEquals(WRITERS - 1, statuses.getOrDefault(409, 0), "the same level and decision again is 409, got " + statuses);
        answers.stream().filter(a -> a.status() != 201).forEach(ConcurrentUpdatesTest::assertProblem);
        assertEquals(1, platform.plans.get("/api/models/" + model).expect(200).json().path("recognitions").size());
        assertEquals(1, outboxEvents(model, "model-recognized"), "one model-recognized event");
        province.awaitReportsMatchPlanService(district, Duration.ofSeconds(30));
    }

    @Test
    void fiftyRegistrationsOfOneModelIdAndFiftyCreationsOfOnePlanIdCreateEachOnce() throws Exception {
        UUID model = UUID.randomUUID();
        List<Api.Answer> models = concurrently(i -> {
            Map<String, Object> body = new java.util.LinkedHashMap<>(Province.model("Mô hình nhập lại " + i,
                    district.commune2(), "NEW", null, "2024-02-29"));
            body.put("id", model);
            return platform.plans.post("/api/models", body);
        });
        UUID plan = UUID.randomUUID();
        List<Api.Answer> plans = concurrently(i -> {
            Map<String, Object> body = new java.util.LinkedHashMap<>(Province.plan("Kế hoạch nhập lại " + i, district.board(),
                    List.of(district.commune1())));
            body.put("id", plan);
            return platform.plans.post("/api/plans", body);
        });

        Map<Integer, Integer> modelStatuses = statuses(models);
        Map<Integer, Integer> planStatuses = statuses(plans);
        assertEquals(Map.of(201, 1, 409, WRITERS - 1), modelStatuses, "one model created, the others 409");
        assertEquals(Map.of(201, 1, 409, WRITERS - 1), planStatuses, "one plan created, the others 409");
        assertEquals(1, outboxEvents(model, "model-registered"), "one model-registered event");
        assertEquals(1, outboxEvents(plan, "plan-created"), "one plan-created event");
        province.awaitReportsMatchPlanService(district, Duration.ofSeconds(30));
    }

    /** Runs the writers at the same moment (all wait at a gate), returns every answer. */
    private static List<Api.Answer> concurrently(IntFunction<Api.Answer> writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            CountDownLatch ready = new CountDownLatch(WRITERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Answer>> futures = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return writer.apply(n);
                }));
            }
            ready.await();
            go.countDown();
            List<Api.Answer> answers = new ArrayList<>();
            for (Future<Api.Answer> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Api.Answer onlyOneWinner(List<Api.Answer> answers, int success) {
        Map<Integer, Integer> statuses = statuses(answers);
        assertEquals(1, statuses.getOrDefault(success, 0), "exactly one " + success + ", got " + statuses);
        assertEquals(WRITERS - 1, statuses.getOrDefault(412, 0) + statuses.getOrDefault(409, 0),
                "all others 412 or 409, got " + statuses);
        answers.stream().filter(a -> a.status() != success).forEach(ConcurrentUpdatesTest::assertProblem);
        return answers.stream().filter(a -> a.status() == success).findFirst().orElseThrow();
    }

    private static void assertProblem(Api.Answer answer) {
        assertTrue(answer.contentType() != null && answer.contentType().startsWith("application/problem+json"),
                "a refused update is problem+json: " + answer);
    }

    private static Map<Integer, Integer> statuses(List<Api.Answer> answers) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        answers.forEach(a -> statuses.merge(a.status(), 1, Integer::sum));
        return statuses;
    }

    private static long outboxEvents(UUID aggregate, String type) throws Exception {
        try (var connection = platform.database("plan");
             var statement = connection.prepareStatement("SELECT count(*) FROM outbox_event WHERE aggregateid = ? AND type = ?")) {
            statement.setString(1, aggregate.toString());
            statement.setString(2, type);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

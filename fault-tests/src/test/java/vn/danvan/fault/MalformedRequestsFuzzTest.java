package vn.danvan.fault;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1,000 generated malformed requests (fixed seed) across the write and read endpoints of the three services: every
 * answer is a 4xx problem+json, a validation answer names the broken field, nothing answers 5xx, and no table of any
 * service's database changes.
 */
@Order(1)
class MalformedRequestsFuzzTest {
    static final long SEED = 20_241_123L;
    static final int REQUESTS = 1_000;

    static FaultPlatform platform;
    static Province province;
    static MalformedRequests.Existing existing;

    @BeforeAll
    static void existingData() {
        platform = FaultPlatform.get();
        province = new Province(platform);
        Province.District district = province.district("Huyện Lý Nhân (fuzz)");
        UUID model = province.registerModel(district.commune1(), "NEW", null, "2024-03-15");
        UUID draft = province.createPlan(district.board(), List.of(district.commune1()));
        UUID signed = province.createPlan(district.board(), List.of(district.commune1()));
        province.sign(signed, district.board(), List.of(district.commune1()));
        UUID official = UUID.fromString(platform.units.post("/api/officials", Map.of("fullName", "Lê Văn Cường",
                "position", "Phó Trưởng ban Dân vận", "unitId", district.board(), "validFrom", "2021-01-01")).expect(201).id());
        existing = new MalformedRequests.Existing(district.id(), district.board(), district.commune1(), model, draft, signed,
                official);
        province.awaitQuiet();
    }

    @Test
    void everyMalformedRequestIsA4xxProblemAndChangesNothing() throws Exception {
        MalformedRequests generator = new MalformedRequests(platform, existing);
        List<MalformedRequests.Case> cases = generator.generate(SEED, REQUESTS);
        assertEquals(REQUESTS, cases.size());
        Map<String, String> before = Databases.snapshot(platform);

        // Four clients at a time: the cases are independent, and none may change anything.
        long begin = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Api.Answer>> answers = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        try {
            for (MalformedRequests.Case c : cases) {
                answers.add(clients.submit(() -> c.api().send(c.method(), c.path(), c.contentType(), c.body(), c.headers())));
            }
            for (int i = 0; i < cases.size(); i++) {
                MalformedRequests.Case c = cases.get(i);
                Api.Answer answer;
                try {
                    answer = answers.get(i).get();
                } catch (ExecutionException e) {
                    failures.add(c.label() + "\n      no answer: " + e.getCause().getMessage());
                    continue;
                }
                statuses.merge(answer.status(), 1, Integer::sum);
                String problem = judge(c, answer);
                if (problem != null) {
                    failures.add(c.label() + "\n      " + problem + "\n      " + answer);
                }
            }
            System.out.printf("fuzz: %d requests from %d kinds of mistake in %.1f s, answers by status %s%n", cases.size(),
                    generator.kinds(), (System.nanoTime() - begin) / 1e9, statuses);
        } finally {
            clients.shutdownNow();
        }

        Map<String, String> after = Databases.snapshot(platform);
        List<String> changed = new ArrayList<>();
        before.forEach((table, state) -> {
            if (!state.equals(after.get(table))) {
                changed.add(table + ": " + state + " -> " + after.get(table));
            }
        });
        after.keySet().stream().filter(t -> !before.containsKey(t)).forEach(t -> changed.add(t + ": new table"));

        assertAll(
                () -> assertTrue(failures.isEmpty(), failures.size() + " of " + cases.size() + " malformed requests were not"
                        + " answered as they should be (statuses " + statuses + "):\n  - " + String.join("\n  - ",
                        failures.subList(0, Math.min(40, failures.size())))),
                () -> assertTrue(changed.isEmpty(), "malformed requests changed the databases:\n  " + String.join("\n  ", changed)));
    }

    /** Null when the answer is right; otherwise what is wrong with it. */
    private static String judge(MalformedRequests.Case c, Api.Answer answer) {
        if (answer.status() >= 500) {
            return "a server error";
        }
        if (answer.status() < 400) {
            return "accepted (" + answer.status() + ") although it is malformed";
        }
        if (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json")) {
            return "Content-Type is " + answer.contentType() + ", not application/problem+json";
        }
        JsonNode problem = answer.json();
        if (problem.path("status").asInt() != answer.status()) {
            return "the problem's status " + problem.path("status") + " is not the HTTP status";
        }
        if (c.field() != null) {
            if (answer.status() != 400) {
                return "a malformed " + c.field() + " should be 400, not " + answer.status();
            }
            List<String> fields = new ArrayList<>();
            problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
            boolean named = fields.stream().anyMatch(f -> f.equals(c.field()) || f.startsWith(c.field() + "[")
                    || f.startsWith(c.field() + "."));
            if (!named) {
                return "errors " + fields + " do not name " + c.field();
            }
        }
        return null;
    }
}

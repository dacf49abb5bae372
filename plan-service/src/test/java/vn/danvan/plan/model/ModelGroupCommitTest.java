package vn.danvan.plan.model;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.danvan.embedded.TopicClient;
import vn.danvan.plan.support.TestUnits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Registrations that arrive while a batch is being written are committed together (ADR 0015): the test holds the
 * model table locked so that the first registration's batch waits at its insert, queues the others behind it, then
 * lets go. Which rows one transaction wrote is read from PostgreSQL itself (rows of one transaction share their xmin).
 */
@QuarkusTest
class ModelGroupCommitTest {
    private static final String FAILS_IN_THE_DATABASE = "Mô hình hỏng khi ghi";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry metrics;

    private final ExecutorService clients = Executors.newFixedThreadPool(16);

    @BeforeEach
    void unitsAreKnown() {
        TestUnits.ensure(kafka, em);
    }

    @Test
    void registrationsThatArriveTogetherAreCommittedInOneTransactionEachWithItsEvent() throws Exception {
        List<Future<ExtractableResponse<Response>>> together = new ArrayList<>();
        ExtractableResponse<Response> first;
        try (Connection lock = lockModels()) {
            Future<ExtractableResponse<Response>> firstAnswer = post(model("Mô hình mở đầu", TestUnits.COMMUNE_A));
            await(() -> waitingForLock(lock) > 0, "the first registration waits for the locked table");
            for (int i = 0; i < 10; i++) {
                together.add(post(model("Dân vận khéo cùng lúc số " + (i + 1), TestUnits.COMMUNE_A)));
            }
            await(() -> waiting() == 10, "ten registrations wait behind the first");
            lock.rollback();
            first = firstAnswer.get(30, TimeUnit.SECONDS);
        }
        assertEquals(201, first.statusCode());
        List<String> ids = created(together);

        assertEquals(1, transactions(ids), "the ten waiting registrations were committed in one transaction");
        assertEquals(2, transactions(concat(ids, first.path("id"))), "the first one had its own");
        assertEquals(10, registeredEvents(ids), "each model has its event");
        List<ConsumerRecord<String, String>> records = new TopicClient(kafka)
                .await("models", r -> ids.contains(r.key()), 11, Duration.ofSeconds(10));
        assertEquals(10, records.size(), "one model-registered event per model, each once");
        assertEquals(10, records.stream().map(ConsumerRecord::key).distinct().count());
    }

    @Test
    void aRefusalInABatchIsAnsweredAloneAndTheOthersAreCommitted() throws Exception {
        String existing = post(model("Mô hình đã có", TestUnits.COMMUNE_A)).get(30, TimeUnit.SECONDS).path("id");
        long modelsBefore = count("model");
        long eventsBefore = count("outbox_event");
        List<Future<ExtractableResponse<Response>>> good = new ArrayList<>();
        Future<ExtractableResponse<Response>> unknownUnit;
        Future<ExtractableResponse<Response>> sameId;
        Future<ExtractableResponse<Response>> afterMerger;
        try (Connection lock = lockModels()) {
            Future<ExtractableResponse<Response>> first = post(model("Mô hình mở đầu", TestUnits.COMMUNE_A));
            await(() -> waitingForLock(lock) > 0, "the first registration waits for the locked table");
            good.add(post(model("Mô hình tốt một", TestUnits.COMMUNE_A)));
            unknownUnit = post(model("Mô hình của đơn vị lạ", UUID.randomUUID()));
            good.add(post(model("Mô hình tốt hai", TestUnits.COMMUNE_A)));
            sameId = post(model("Mô hình trùng mã", TestUnits.COMMUNE_A).replace("{", "{\"id\": \"" + existing + "\", "));
            good.add(post(model("Mô hình tốt ba", TestUnits.COMMUNE_A)));
            afterMerger = post(model("Mô hình của xã đã sáp nhập", TestUnits.MERGED_COMMUNE, "2024-05-02"));
            good.add(post(model("Mô hình của xã trước sáp nhập", TestUnits.MERGED_COMMUNE, "2022-06-01")));
            await(() -> waiting() == 7, "seven registrations wait behind the first");
            lock.rollback();
            good.add(first);
        }
        ExtractableResponse<Response> refused = unknownUnit.get(30, TimeUnit.SECONDS);
        assertEquals(422, refused.statusCode());
        assertEquals("unitId", refused.path("errors[0].field"));
        assertEquals(409, sameId.get(30, TimeUnit.SECONDS).statusCode());
        ExtractableResponse<Response> ended = afterMerger.get(30, TimeUnit.SECONDS);
        assertEquals(422, ended.statusCode());
        assertTrue(ended.<String>path("errors[0].message").contains("did not exist on 2024-05-02"), ended.asString());
        List<String> ids = created(good);
        assertEquals(1, transactions(ids.subList(0, 4)), "the four good ones of the batch committed together");
        assertEquals(modelsBefore + 5, count("model"), "the refused ones wrote nothing");
        assertEquals(eventsBefore + 5, count("outbox_event"));
    }

    @Test
    void whenABatchFailsInTheDatabaseEachIsWrittenAloneAndOnlyTheBadOneFails() throws Exception {
        long modelsBefore = count("model");
        long eventsBefore = count("outbox_event");
        List<Future<ExtractableResponse<Response>>> good = new ArrayList<>();
        Future<ExtractableResponse<Response>> bad;
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("""
                    CREATE FUNCTION test_refuse_model() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.name = '%s' THEN RAISE EXCEPTION 'refused by the test trigger'; END IF;
                        RETURN NEW;
                    END $$""".formatted(FAILS_IN_THE_DATABASE));
            sql.execute("CREATE TRIGGER test_refuse_model BEFORE INSERT ON model FOR EACH ROW EXECUTE FUNCTION test_refuse_model()");
            try {
                try (Connection lock = lockModels()) {
                    Future<ExtractableResponse<Response>> first = post(model("Mô hình mở đầu", TestUnits.COMMUNE_A));
                    await(() -> waitingForLock(lock) > 0, "the first registration waits for the locked table");
                    good.add(post(model("Mô hình lành một", TestUnits.COMMUNE_A)));
                    bad = post(model(FAILS_IN_THE_DATABASE, TestUnits.COMMUNE_A));
                    good.add(post(model("Mô hình lành hai", TestUnits.COMMUNE_A)));
                    await(() -> waiting() == 3, "three registrations wait behind the first");
                    lock.rollback();
                    good.add(first);
                }
                ExtractableResponse<Response> failed = bad.get(30, TimeUnit.SECONDS);
                assertEquals(500, failed.statusCode(), failed.asString());
                assertTrue(failed.contentType().startsWith("application/problem+json"));
                List<String> ids = created(good);
                assertEquals(2, transactions(ids.subList(0, 2)), "after the batch failed, each was written alone");
                assertEquals(3, registeredEvents(ids));
                assertEquals(modelsBefore + 3, count("model"), "the bad one wrote nothing");
                assertEquals(eventsBefore + 3, count("outbox_event"), "and no event");
            } finally {
                sql.execute("DROP TRIGGER test_refuse_model ON model");
                sql.execute("DROP FUNCTION test_refuse_model()");
            }
        }
    }

    /** The ids of the models these registrations created, each answered 201. */
    private static List<String> created(List<Future<ExtractableResponse<Response>>> answers) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Future<ExtractableResponse<Response>> answer : answers) {
            ExtractableResponse<Response> response = answer.get(30, TimeUnit.SECONDS);
            assertEquals(201, response.statusCode(), response.asString());
            ids.add(response.path("id"));
        }
        return ids;
    }

    private static String model(String name, UUID unitId) {
        return model(name, unitId, "2024-05-02");
    }

    private static String model(String name, UUID unitId, String registeredOn) {
        return """
                {"name": "%s", "unitId": "%s", "field": "ECONOMY", "origin": "NEW", "registeredOn": "%s"}
                """.formatted(name, unitId, registeredOn);
    }

    private Future<ExtractableResponse<Response>> post(String body) {
        Callable<ExtractableResponse<Response>> call = () -> given().contentType(ContentType.JSON).body(body)
                .when().post("/api/models").then().extract();
        return clients.submit(call);
    }

    /** A connection holding the model table against inserts until it rolls back. */
    private Connection lockModels() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (Statement sql = connection.createStatement()) {
            sql.execute("LOCK TABLE model IN SHARE ROW EXCLUSIVE MODE");
        }
        return connection;
    }

    private long waitingForLock(Connection lock) {
        try (Statement sql = lock.createStatement();
             ResultSet rs = sql.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'model'::regclass")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private double waiting() {
        return metrics.get("danvan.group.commit.waiting").tag("writes", "model-registrations").gauge().value();
    }

    /** How many transactions wrote these models. */
    private long transactions(List<String> ids) throws SQLException {
        return single("SELECT count(DISTINCT xmin::text) FROM model WHERE id = ANY(?::uuid[])", ids);
    }

    /** The model-registered events in the outbox for these models (the relay marks them, so their xmin moves on). */
    private long registeredEvents(List<String> ids) throws SQLException {
        return single("SELECT count(*) FROM outbox_event WHERE type = 'model-registered' AND aggregateid = ANY(?)", ids);
    }

    private long single(String query, List<String> ids) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long count(String table) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM " + table).getSingleResult()).longValue();
    }

    private static List<String> concat(List<String> ids, String more) {
        List<String> all = new ArrayList<>(ids);
        all.add(more);
        return all;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}

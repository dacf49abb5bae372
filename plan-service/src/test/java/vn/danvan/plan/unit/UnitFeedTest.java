package vn.danvan.plan.unit;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.danvan.embedded.TopicClient;
import vn.danvan.plan.support.TestUnits;
import vn.danvan.plan.support.TestUnits.UnitEvents;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** plan-service's copy of the unit tree follows the units topic: highest revision wins, bad messages go aside. */
@QuarkusTest
class UnitFeedTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    EntityManager em;

    @Inject
    UnitDirectory directory;

    TopicClient topic;

    @BeforeEach
    void unitsAreKnown() {
        TestUnits.ensure(kafka, em);
        topic = new TopicClient(kafka);
    }

    @Test
    void aReorganisationReplacesTheUnitsHistoryAndAnOlderRevisionIsIgnored() {
        UUID id = UUID.randomUUID();
        topic.send("units", id.toString(), UnitEvents.history("unit-created", id, 1, "PARTY_COMMITTEE",
                List.of(UnitEvents.period("2010-01-01", null, "Xã Mới", TestUnits.DISTRICT, "COMMUNE", "PARTY_COMMITTEE"))));
        TestUnits.awaitKnown(em, List.of(id));
        assertTrue(directory.existedOn(id, LocalDate.of(2026, 1, 1)));

        topic.send("units", id.toString(), UnitEvents.history("unit-reorganized", id, 3, "PARTY_COMMITTEE", List.of(
                UnitEvents.period("2010-01-01", "2020-12-31", "Xã Mới", TestUnits.DISTRICT, "COMMUNE", "PARTY_COMMITTEE"),
                UnitEvents.period("2021-01-01", "2025-06-30", "Xã Mới (đổi tên)", TestUnits.DISTRICT, "COMMUNE", "PARTY_COMMITTEE"))));
        awaitTrue(() -> !directory.existedOn(id, LocalDate.of(2025, 7, 1)));
        topic.send("units", id.toString(), UnitEvents.history("unit-updated", id, 2, "PARTY_COMMITTEE",
                List.of(UnitEvents.period("2010-01-01", null, "Xã Mới", TestUnits.DISTRICT, "COMMUNE", "PARTY_COMMITTEE"))));
        UUID marker = UUID.randomUUID();
        topic.send("units", id.toString(), UnitEvents.history("unit-created", marker, 1, "VILLAGE",
                List.of(UnitEvents.period("2010-01-01", null, "Thôn", id, "VILLAGE", "VILLAGE"))));
        TestUnits.awaitKnown(em, List.of(marker));
        assertFalse(directory.existedOn(id, LocalDate.of(2025, 7, 1)), "revision 2 came after revision 3 and is ignored");
        assertTrue(directory.existedOn(id, LocalDate.of(2025, 6, 30)));
        assertEquals(List.of(id, marker), directory.subtree(id));
    }

    @Test
    void theFoundationsFlatUnitShapeIsStillAccepted() {
        assertTrue(directory.knows(TestUnits.FLAT_SHAPE_UNIT));
        assertTrue(directory.existedOn(TestUnits.FLAT_SHAPE_UNIT, LocalDate.of(2023, 1, 1)));
        assertTrue(directory.subtree(TestUnits.DISTRICT).contains(TestUnits.FLAT_SHAPE_UNIT));
    }

    @Test
    void aMessageThatIsNoEventGoesToTheDeadLetterTopicAndTheNextOneIsStillApplied() {
        String key = UUID.randomUUID().toString();
        topic.send("units", key, "this is not JSON");
        UUID after = UUID.randomUUID();
        topic.send("units", key, UnitEvents.history("unit-created", after, 1, "VILLAGE",
                List.of(UnitEvents.period("2010-01-01", null, "Thôn sau", TestUnits.COMMUNE_A, "VILLAGE", "VILLAGE"))));
        TestUnits.awaitKnown(em, List.of(after));
        List<ConsumerRecord<String, String>> dead = topic.await("units-dlq-plan-service", r -> key.equals(r.key()), 1,
                Duration.ofSeconds(10));
        assertEquals(1, dead.size());
        assertEquals("this is not JSON", dead.get(0).value());
    }

    @Test
    void aRedeliveredEventIsRecognisedAndChangesNothing() {
        UUID id = UUID.randomUUID();
        String first = UnitEvents.flat(id, "Xã cũ", "COMMUNE", TestUnits.DISTRICT, "2000-01-01");
        topic.send("units", id.toString(), first);
        TestUnits.awaitKnown(em, List.of(id));
        topic.send("units", id.toString(), UnitEvents.flat(id, "Xã cũ", "COMMUNE", TestUnits.DISTRICT, "2005-01-01"));
        awaitTrue(() -> !directory.existedOn(id, LocalDate.of(2003, 1, 1)));
        topic.send("units", id.toString(), first);
        UUID marker = UUID.randomUUID();
        topic.send("units", id.toString(), UnitEvents.flat(marker, "Thôn", "VILLAGE", id, "2010-01-01"));
        TestUnits.awaitKnown(em, List.of(marker));
        assertFalse(directory.existedOn(id, LocalDate.of(2003, 1, 1)), "the redelivered first event was skipped");
    }

    private static void awaitTrue(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met in time");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

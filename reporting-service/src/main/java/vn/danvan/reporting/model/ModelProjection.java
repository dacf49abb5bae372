package vn.danvan.reporting.model;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import vn.danvan.common.events.CloudEvent;
import vn.danvan.common.events.EventReader;
import vn.danvan.common.events.BatchConsumer;
import vn.danvan.common.sql.SqlArrays;
import vn.danvan.reporting.activity.Activity;
import vn.danvan.reporting.projection.Rows;
import vn.danvan.reporting.report.Labels;
import vn.danvan.reporting.rollup.FactRollup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Model and recognition facts from the models topic; each event applied once, with its id, in one transaction. */
@ApplicationScoped
public class ModelProjection {
    @Inject
    EventReader reader;

    @Inject
    BatchConsumer consumer;

    @Inject
    EntityManager em;

    @Inject
    Activity activity;

    @Inject
    Rows rows;

    @Inject
    FactRollup rollup;

    record ModelData(UUID modelId, String name, UUID unitId, String field, String origin, LocalDate registeredOn) {
    }

    record RecognitionData(UUID modelId, UUID recognitionId, UUID unitId, String level, LocalDate recognizedOn,
                           String decisionRef, String field, String origin, String name) {
    }

    /** A change read from one event of the models topic, checked before anything is written. */
    public sealed interface Change permits Registration, Recognition {
        CloudEvent event();
    }

    record Registration(CloudEvent event, ModelData data) implements Change {
    }

    record Recognition(CloudEvent event, RecognitionData data) implements Change {
    }

    /** A batch as the broker hands it over: one transaction, set-based (see {@link BatchConsumer}). */
    @Incoming("models-in")
    @Blocking
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        return consumer.consume("models-in", batch, this::read, this::applyAll);
    }

    public void apply(CloudEvent event) {
        Change change = read(event);
        if (change != null) {
            applyAll(List.of(change));
        }
    }

    /** The change an event carries; null for event types the reports do not count; unreadable ones are poison. */
    public Change read(CloudEvent event) {
        return switch (event.type()) {
            case "model-registered", "model-updated" -> {
                ModelData data = reader.data(event, ModelData.class);
                if (data.modelId() == null || data.unitId() == null || data.field() == null || data.origin() == null
                        || data.registeredOn() == null) {
                    throw new EventReader.UnreadableEventException(event.type() + " " + event.id()
                            + " lacks modelId, unitId, field, origin or registeredOn");
                }
                yield new Registration(event, data);
            }
            case "model-recognized" -> {
                RecognitionData data = reader.data(event, RecognitionData.class);
                if (data.modelId() == null || data.recognitionId() == null || data.unitId() == null || data.level() == null
                        || data.recognizedOn() == null) {
                    throw new EventReader.UnreadableEventException("model-recognized " + event.id()
                            + " lacks modelId, recognitionId, unitId, level or recognizedOn");
                }
                if (!FactRollup.LEVELS.contains(data.level())) {
                    throw new EventReader.UnreadableEventException("model-recognized " + event.id() + " has level "
                            + data.level() + ", not one of " + String.join(", ", FactRollup.LEVELS));
                }
                yield new Recognition(event, data);
            }
            default -> null; // other model event types carry nothing the reports count
        };
    }

    /**
     * Applies changes in a few set-based statements, with exactly the result of applying them one after the other:
     * a model keeps the last registration or correction; a recognition is inserted once and then follows its model's
     * later corrections (unit, field, origin). One change (the live consumer) or thousands (a replay) alike. The
     * rollup takes the difference between the facts the changes touch after and before, in the same transaction.
     */
    public void applyAll(List<Change> changes) {
        List<UUID> modelIds = new ArrayList<>();
        List<UUID> recognitionIds = new ArrayList<>();
        List<UUID> recognized = new ArrayList<>();
        for (Change change : changes) {
            if (change instanceof Registration r) {
                modelIds.add(r.data().modelId());
            } else if (change instanceof Recognition r) {
                recognitionIds.add(r.data().recognitionId());
                recognized.add(r.data().modelId());
            }
        }
        List<FactRollup.Fact> before = rollup.factsOf(modelIds, recognitionIds);
        applyFacts(changes);
        boolean repeatsMoved = !recognized.isEmpty() && markRepeats(recognized) > 0;
        if (!repeatsMoved && !modelIds.isEmpty()) {
            // A corrected model carries its repeats to another unit or origin. Counted from the batch's models (no
            // LIMIT 1, which let the planner walk all the repeats hoping to meet one of them early).
            repeatsMoved = ((Number) em.createNativeQuery("""
                            SELECT count(*) FROM (SELECT DISTINCT unnest(cast(?1 AS uuid[])) AS id) m
                            JOIN recognition_fact r ON r.model_id = m.id WHERE r.previous_on IS NOT NULL""")
                    .setParameter(1, SqlArrays.literal(modelIds)).getSingleResult()).longValue() > 0;
        }
        if (repeatsMoved) {
            em.createNativeQuery("UPDATE repeat_version SET version = version + 1").executeUpdate();
        }
        rollup.apply(before, rollup.factsOf(modelIds, recognitionIds));
    }

    /** The day of the recognition of the same model at the same level just before this one (null for the first). */
    public static final String PREVIOUS_ON = "lag(recognized_on) OVER (PARTITION BY model_id, level ORDER BY recognized_on, recognition_id)";

    /**
     * Marks each recognition of these models (of all models when null) with the day of its model's recognition at the
     * same level just before it ({@code previous_on}, null for the first), so that groupBy=recognitionLevel counts a
     * model recognised twice at a level in a period once. Recognitions arrive in any order: each model's whole
     * sequence is marked again. Returns how many marks were set or changed.
     */
    public int markRepeats(Collection<UUID> modelIds) {
        String models = modelIds == null ? "" : "WHERE model_id IN (SELECT unnest(cast(?1 AS uuid[])))";
        var query = em.createNativeQuery("""
                UPDATE recognition_fact r SET previous_on = x.previous_on
                FROM (SELECT recognition_id, previous_on FROM (
                          SELECT recognition_id, previous_on AS marked, %s AS previous_on FROM recognition_fact %s) y
                      WHERE previous_on IS DISTINCT FROM marked) x
                WHERE r.recognition_id = x.recognition_id"""
                .formatted(PREVIOUS_ON, models));
        if (modelIds != null) {
            query.setParameter(1, SqlArrays.literal(modelIds));
        }
        return query.executeUpdate();
    }

    /** The facts only; a rebuild recounts the rollup once, when it swaps the facts in ({@link FactRollup#refreshAll}). */
    public void applyFacts(List<Change> changes) {
        Map<UUID, ModelData> lastOfModel = new LinkedHashMap<>();
        Map<UUID, Map<String, Object>> recognitions = new LinkedHashMap<>();
        Map<UUID, ModelData> later = new HashMap<>();
        // Backwards, so that each recognition sees the corrections of its model that come after it.
        for (int i = changes.size() - 1; i >= 0; i--) {
            Change change = changes.get(i);
            if (change instanceof Registration r) {
                lastOfModel.putIfAbsent(r.data().modelId(), r.data());
                later.putIfAbsent(r.data().modelId(), r.data());
            } else if (change instanceof Recognition r) {
                // Visited last to first: the earliest delivery of a recognition id is the one that stays.
                RecognitionData d = r.data();
                ModelData model = later.get(d.modelId());
                recognitions.put(d.recognitionId(), Rows.of("recognition_id", d.recognitionId(), "model_id", d.modelId(),
                        "unit_id", model == null ? d.unitId() : model.unitId(), "level", d.level(),
                        "recognized_on", d.recognizedOn(), "decision_ref", d.decisionRef(),
                        "field", model == null ? d.field() : model.field(),
                        "origin", model == null ? d.origin() : model.origin()));
            }
        }
        if (!lastOfModel.isEmpty()) {
            String models = rows.json(lastOfModel.values().stream().map(d -> Rows.of("model_id", d.modelId(), "unit_id", d.unitId(),
                    "name", d.name(), "field", d.field(), "origin", d.origin(), "registered_on", d.registeredOn())).toList());
            em.createNativeQuery("""
                            INSERT INTO model_fact (model_id, unit_id, name, field, origin, registered_on)
                            SELECT model_id, unit_id, name, field, origin, registered_on FROM jsonb_to_recordset(cast(?1 AS jsonb))
                                AS x(model_id uuid, unit_id uuid, name varchar, field varchar, origin varchar, registered_on date)
                            ON CONFLICT (model_id) DO UPDATE SET unit_id = excluded.unit_id, name = excluded.name,
                                field = excluded.field, origin = excluded.origin, registered_on = excluded.registered_on""")
                    .setParameter(1, models).executeUpdate();
            // Recognitions recorded before these changes follow their model's last correction.
            em.createNativeQuery("""
                            UPDATE recognition_fact r SET unit_id = x.unit_id, field = x.field, origin = x.origin
                            FROM jsonb_to_recordset(cast(?1 AS jsonb)) AS x(model_id uuid, unit_id uuid, field varchar, origin varchar)
                            WHERE r.model_id = x.model_id""")
                    .setParameter(1, models).executeUpdate();
        }
        if (!recognitions.isEmpty()) {
            em.createNativeQuery("""
                            INSERT INTO recognition_fact (recognition_id, model_id, unit_id, level, recognized_on, decision_ref,
                                field, origin)
                            SELECT recognition_id, model_id, unit_id, level, recognized_on, decision_ref, field, origin
                            FROM jsonb_to_recordset(cast(?1 AS jsonb))
                                AS x(recognition_id uuid, model_id uuid, unit_id uuid, level varchar, recognized_on date,
                                     decision_ref varchar, field varchar, origin varchar)
                            ON CONFLICT (recognition_id) DO NOTHING""")
                    .setParameter(1, rows.json(List.copyOf(recognitions.values()))).executeUpdate();
        }
        activity.recordAll(changes.stream().map(ModelProjection::line).toList());
    }

    private static Activity.Line line(Change change) {
        if (change instanceof Registration r) {
            return new Activity.Line(r.event(), r.data().unitId(),
                    ("model-registered".equals(r.event().type()) ? "Đăng ký mô hình “" : "Cập nhật mô hình “")
                            + nameOf(r.data().name()) + "”");
        }
        RecognitionData d = ((Recognition) change).data();
        return new Activity.Line(change.event(), d.unitId(), "Công nhận mô hình “" + nameOf(d.name()) + "” "
                + Labels.of(d.level()).toLowerCase() + (d.decisionRef() == null ? "" : " (" + d.decisionRef() + ")"));
    }

    private static String nameOf(String name) {
        return name == null ? "(không tên)" : name;
    }
}

package vn.danvan.reporting.model;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import vn.danvan.common.events.CloudEvent;
import vn.danvan.common.events.EventReader;
import vn.danvan.common.events.IdempotentConsumer;
import vn.danvan.reporting.activity.Activity;
import vn.danvan.reporting.report.Labels;

import java.time.LocalDate;
import java.util.UUID;

/** Model and recognition facts from the models topic; each event applied once, with its id, in one transaction. */
@ApplicationScoped
public class ModelProjection {
    @Inject
    EventReader reader;

    @Inject
    IdempotentConsumer consumer;

    @Inject
    EntityManager em;

    @Inject
    Activity activity;

    record ModelData(UUID modelId, String name, UUID unitId, String field, String origin, LocalDate registeredOn) {
    }

    record RecognitionData(UUID modelId, UUID recognitionId, UUID unitId, String level, LocalDate recognizedOn,
                           String decisionRef, String field, String origin, String name) {
    }

    @Incoming("models-in")
    @Blocking
    @Transactional
    public void on(String message) {
        consumer.once(message, this::apply);
    }

    public void apply(CloudEvent event) {
        switch (event.type()) {
            case "model-registered", "model-updated" -> {
                ModelData data = reader.data(event, ModelData.class);
                if (data.modelId() == null || data.unitId() == null || data.field() == null || data.origin() == null
                        || data.registeredOn() == null) {
                    throw new EventReader.UnreadableEventException(event.type() + " " + event.id()
                            + " lacks modelId, unitId, field, origin or registeredOn");
                }
                em.createNativeQuery("""
                                INSERT INTO model_fact (model_id, unit_id, name, field, origin, registered_on)
                                VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                                ON CONFLICT (model_id) DO UPDATE SET unit_id = excluded.unit_id, name = excluded.name,
                                    field = excluded.field, origin = excluded.origin, registered_on = excluded.registered_on""")
                        .setParameter(1, data.modelId()).setParameter(2, data.unitId()).setParameter(3, data.name())
                        .setParameter(4, data.field()).setParameter(5, data.origin()).setParameter(6, data.registeredOn())
                        .executeUpdate();
                // A model's recognitions follow it if its unit or field is corrected.
                em.createNativeQuery("UPDATE recognition_fact SET unit_id = ?2, field = ?3, origin = ?4 WHERE model_id = ?1")
                        .setParameter(1, data.modelId()).setParameter(2, data.unitId()).setParameter(3, data.field())
                        .setParameter(4, data.origin()).executeUpdate();
                activity.record(event, data.unitId(), ("model-registered".equals(event.type()) ? "Đăng ký mô hình “"
                        : "Cập nhật mô hình “") + nameOf(data.name()) + "”");
            }
            case "model-recognized" -> {
                RecognitionData data = reader.data(event, RecognitionData.class);
                if (data.modelId() == null || data.recognitionId() == null || data.unitId() == null || data.level() == null
                        || data.recognizedOn() == null) {
                    throw new EventReader.UnreadableEventException("model-recognized " + event.id()
                            + " lacks modelId, recognitionId, unitId, level or recognizedOn");
                }
                em.createNativeQuery("""
                                INSERT INTO recognition_fact (recognition_id, model_id, unit_id, level, recognized_on,
                                    decision_ref, field, origin)
                                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (recognition_id) DO NOTHING""")
                        .setParameter(1, data.recognitionId()).setParameter(2, data.modelId()).setParameter(3, data.unitId())
                        .setParameter(4, data.level()).setParameter(5, data.recognizedOn()).setParameter(6, data.decisionRef())
                        .setParameter(7, data.field()).setParameter(8, data.origin())
                        .executeUpdate();
                activity.record(event, data.unitId(), "Công nhận mô hình “" + nameOf(data.name()) + "” "
                        + Labels.of(data.level()).toLowerCase() + (data.decisionRef() == null ? "" : " (" + data.decisionRef() + ")"));
            }
            default -> {
                // other model event types carry nothing the reports count
            }
        }
    }

    private static String nameOf(String name) {
        return name == null ? "(không tên)" : name;
    }
}

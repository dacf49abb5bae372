package vn.danvan.plan.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A model as the API shows it, with who registered and who last changed it. */
public record ModelView(UUID id, String name, UUID unitId, ModelField field, ModelOrigin origin, UUID replicatedFromId,
                        boolean collective, LocalDate registeredOn, String description, ModelForm form,
                        List<RecognitionView> recognitions, long version, String createdBy, Instant createdAt,
                        String updatedBy, Instant updatedAt) {

    public record RecognitionView(UUID id, RecognitionLevel level, LocalDate recognizedOn, String decisionRef,
                                  String createdBy, Instant createdAt) {
        static RecognitionView of(Recognition r) {
            return new RecognitionView(r.id(), r.level(), r.recognizedOn(), r.decisionRef(), r.createdBy(), r.createdAt());
        }
    }

    static ModelView of(Model model) {
        return new ModelView(model.id(), model.name(), model.unitId(), model.field(), model.origin(),
                model.replicatedFromId(), model.collective(), model.registeredOn(), model.description(), model.form(),
                model.recognitions().stream().map(RecognitionView::of).toList(), model.version(), model.createdBy(),
                model.createdAt(), model.updatedBy(), model.updatedAt());
    }
}

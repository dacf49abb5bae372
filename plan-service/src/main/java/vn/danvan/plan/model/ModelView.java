package vn.danvan.plan.model;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A model as the API shows it. */
public record ModelView(UUID id, String name, UUID unitId, ModelField field, ModelOrigin origin, UUID replicatedFromId,
                        boolean collective, LocalDate registeredOn, String description, List<Object> recognitions,
                        long version) {
    static ModelView of(Model model) {
        return new ModelView(model.id(), model.name(), model.unitId(), model.field(), model.origin(),
                model.replicatedFromId(), model.collective(), model.registeredOn(), model.description(), List.of(),
                model.version());
    }
}

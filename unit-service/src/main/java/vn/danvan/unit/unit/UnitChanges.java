package vn.danvan.unit.unit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import vn.danvan.common.web.Etags;
import vn.danvan.common.web.ProblemException;
import vn.danvan.unit.audit.AuditTrail;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Creating and correcting units: the rules, the audit entry and the event, in the caller's transaction. */
@ApplicationScoped
public class UnitChanges {
    @Inject
    UnitRepository units;

    @Inject
    UnitCodes codes;

    @Inject
    UnitEvents events;

    @Inject
    AuditTrail audit;

    @Transactional(Transactional.TxType.MANDATORY)
    public Unit create(UnitRequest request, String actor) {
        units.lockTree();
        UUID id = request.id() == null ? UUID.randomUUID() : request.id();
        if (units.findById(id) != null) {
            throw ProblemException.conflict("unit " + id + " exists already");
        }
        LocalDate validFrom = request.validFrom() == null ? LocalDate.now() : request.validFrom();
        String code = Unit.blankToNull(request.code());
        requireParent(request.parentId(), validFrom, request.level(), "parentId");
        codes.requireFree(code, id, "code");
        Unit unit = new Unit(id, request.name(), request.kind(), request.level(), request.parentId(), code, validFrom,
                actor);
        units.persist(unit);
        codes.claim(code, id, "code");
        units.refreshAncestry(List.of(id), List.of(id), validFrom);
        audit.record(actor, "unit-created", id, UnitView.of(unit));
        events.created(unit, actor);
        return unit;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Unit correct(UUID id, UnitUpdate update, String ifMatch, String actor) {
        Unit unit = units.lock(id);
        Etags.checkIfMatch(ifMatch, unit.version());
        UnitPeriod latest = unit.latest();
        if (update.parentId() != null && !Objects.equals(update.parentId(), latest.parentId())) {
            throw ProblemException.unprocessable("parentId", "a unit changes parent by a MOVE reorganisation");
        }
        String code = Unit.blankToNull(update.code());
        if (update.level() != latest.level() && latest.parentId() != null) {
            UnitLevel parentLevel = units.require(latest.parentId()).latest().level();
            if (update.level().ordinal() < parentLevel.ordinal()) {
                throw ProblemException.unprocessable("level", "a " + update.level() + " cannot hang under a " + parentLevel);
            }
        }
        codes.requireFree(code, id, "code");
        unit.correct(update.name(), update.kind(), update.level(), code, actor);
        codes.claim(code, id, "code");
        units.refreshAncestry(List.of(id), List.of(), null);
        audit.record(actor, "unit-updated", id, Map.of("name", update.name(), "kind", update.kind(),
                "level", update.level(), "code", code == null ? "" : code));
        events.updated(unit, actor);
        return unit;
    }

    /**
     * A unit can hang under {@code parentId} from {@code date} on: the parent exists that day, has no recorded end
     * (a child must not outlive it) and is not on a lower level.
     */
    public Unit requireParent(UUID parentId, LocalDate date, UnitLevel childLevel, String field) {
        if (parentId == null) {
            return null;
        }
        Unit parent = units.findById(parentId);
        if (parent == null) {
            throw ProblemException.unprocessable(field, "unit " + parentId + " does not exist");
        }
        UnitPeriod period = parent.periodOn(date).orElseThrow(() -> ProblemException.unprocessable(field,
                "unit " + parentId + " does not exist on " + date));
        if (parent.validTo() != null) {
            throw ProblemException.unprocessable(field, "unit " + parentId + " ends on " + parent.validTo()
                    + "; nothing new can hang under it");
        }
        if (childLevel != null && childLevel.ordinal() < period.level().ordinal()) {
            throw ProblemException.unprocessable(field, "a " + childLevel + " cannot hang under a " + period.level());
        }
        return parent;
    }
}

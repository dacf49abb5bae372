package vn.danvan.unit.reorganization;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import vn.danvan.common.text.VietnameseText;
import vn.danvan.common.web.Problem.FieldError;
import vn.danvan.common.web.ProblemException;
import vn.danvan.unit.audit.AuditTrail;
import vn.danvan.unit.unit.Unit;
import vn.danvan.unit.unit.UnitChanges;
import vn.danvan.unit.unit.UnitCodes;
import vn.danvan.unit.unit.UnitEvents;
import vn.danvan.unit.unit.UnitHistory;
import vn.danvan.unit.unit.UnitPeriod;
import vn.danvan.unit.unit.UnitRepository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a reorganisation on its effective date, in the caller's transaction: everything is checked first, and a
 * refusal (400/422) rolls back the whole of it, so the tree and the outbox are left as they were.
 * Children of a unit that ends (merged, split, dissolved) move with it: under the merge target, the first split
 * target, or the dissolved unit's parent.
 */
@ApplicationScoped
public class Reorganizer {
    @Inject
    UnitRepository units;

    @Inject
    UnitChanges unitChanges;

    @Inject
    UnitCodes codes;

    @Inject
    UnitEvents events;

    @Inject
    AuditTrail audit;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** Data of unit-reorganized. */
    public record ReorganizedData(ReorganizationView reorganization, List<LineageLink> lineage, List<UnitHistory> units,
                                  String actor) {
    }

    /** What one reorganisation did, before it is recorded. */
    private static final class Outcome {
        final Map<UUID, Unit> touched = new LinkedHashMap<>();
        final List<UUID> results = new ArrayList<>();
        final List<LineageLink> lineage = new ArrayList<>();
        /** Units created, moved or ended on the date: the closure table is refreshed under them too. */
        final Set<UUID> reshaped = new LinkedHashSet<>();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Reorganization apply(ReorganizationRequest request, String actor) {
        validateShape(request);
        units.lockTree();
        UUID id = request.id() == null ? UUID.randomUUID() : request.id();
        if (em.find(Reorganization.class, id) != null) {
            throw ProblemException.conflict("reorganization " + id + " exists already");
        }
        LocalDate date = request.effectiveDate();
        Outcome outcome = new Outcome();
        switch (request.type()) {
            case MERGE -> merge(request, date, actor, outcome);
            case SPLIT -> split(request, date, actor, outcome);
            case MOVE -> move(request, date, actor, outcome);
            case RENAME -> rename(request, date, actor, outcome);
            case DISSOLVE -> dissolve(request, date, actor, outcome);
        }
        Reorganization reorganization = new Reorganization(id, request, json.valueToTree(request).toString(), outcome.results, actor);
        em.persist(reorganization);
        em.flush();
        units.refreshAncestry(outcome.touched.keySet(), outcome.reshaped, date);
        for (LineageLink link : outcome.lineage) {
            em.createNativeQuery("INSERT INTO lineage (reorganization_id, predecessor_id, successor_id, effective_date, type) "
                            + "VALUES (?1, ?2, ?3, ?4, ?5)")
                    .setParameter(1, id).setParameter(2, link.predecessorId()).setParameter(3, link.successorId())
                    .setParameter(4, link.effectiveDate()).setParameter(5, link.type().name()).executeUpdate();
        }
        ReorganizationView view = ReorganizationView.of(reorganization);
        audit.record(actor, "unit-reorganized", id, request);
        events.reorganized(id, new ReorganizedData(view, outcome.lineage,
                UnitEvents.histories(outcome.touched.values()), actor));
        return reorganization;
    }

    private void merge(ReorganizationRequest request, LocalDate date, String actor, Outcome outcome) {
        List<UUID> sourceIds = request.sourceIds();
        Set<UUID> lockIds = new LinkedHashSet<>(sourceIds);
        if (request.targetId() != null) {
            lockIds.add(request.targetId());
        }
        Map<UUID, Unit> locked = units.lockAll(lockIds);
        List<Unit> sources = new ArrayList<>();
        for (int i = 0; i < sourceIds.size(); i++) {
            sources.add(requireLiving(locked, sourceIds.get(i), date, "sourceIds[" + i + "]"));
        }
        UUID targetId;
        Unit target = null;
        if (request.targetId() != null) {
            if (sourceIds.contains(request.targetId())) {
                throw ProblemException.unprocessable("targetId", "the target cannot be one of the sources");
            }
            target = requireLiving(locked, request.targetId(), date, "targetId");
            targetId = target.id();
            requireNotUnder(targetId, sourceIds, date, "targetId");
        } else {
            ReorganizationRequest.NewUnit spec = request.target();
            targetId = spec.id() == null ? UUID.randomUUID() : spec.id();
            requireNewUnit(spec, targetId, date, sourceIds, "target");
        }
        Map<UUID, Unit> children = childrenToMove(sourceIds, date, sourceIds);
        // Checks done: now the changes.
        sources.forEach(source -> source.endBefore(date, actor));
        if (target == null) {
            target = createUnit(request.target(), targetId, date, actor);
        } else {
            target.touch(actor);
        }
        UUID newParent = targetId;
        children.values().forEach(child -> child.changeFrom(date, period -> move(period, newParent), actor));
        sources.forEach(source -> outcome.touched.put(source.id(), source));
        outcome.touched.put(targetId, target);
        outcome.touched.putAll(children);
        outcome.results.add(targetId);
        sourceIds.forEach(outcome.reshaped::add);
        if (request.targetId() == null) {
            outcome.reshaped.add(targetId);
        }
        outcome.reshaped.addAll(children.keySet());
        sources.forEach(source -> outcome.lineage.add(new LineageLink(source.id(), newParent, date, ReorganizationType.MERGE)));
    }

    private void split(ReorganizationRequest request, LocalDate date, String actor, Outcome outcome) {
        Map<UUID, Unit> locked = units.lockAll(List.of(request.sourceId()));
        Unit source = requireLiving(locked, request.sourceId(), date, "sourceId");
        List<UUID> targetIds = new ArrayList<>();
        Set<String> targetCodes = new HashSet<>();
        for (int i = 0; i < request.targets().size(); i++) {
            ReorganizationRequest.NewUnit spec = request.targets().get(i);
            UUID targetId = spec.id() == null ? UUID.randomUUID() : spec.id();
            if (targetIds.contains(targetId)) {
                throw ProblemException.unprocessable("targets[" + i + "].id", "is given twice");
            }
            requireNewUnit(spec, targetId, date, List.of(source.id()), "targets[" + i + "]");
            String code = blankToNull(spec.code());
            if (code != null && !targetCodes.add(code)) {
                throw ProblemException.unprocessable("targets[" + i + "].code", "code " + code + " is given twice");
            }
            targetIds.add(targetId);
        }
        Map<UUID, Unit> children = childrenToMove(List.of(source.id()), date, List.of(source.id()));
        source.endBefore(date, actor);
        outcome.touched.put(source.id(), source);
        for (int i = 0; i < targetIds.size(); i++) {
            Unit target = createUnit(request.targets().get(i), targetIds.get(i), date, actor);
            outcome.touched.put(target.id(), target);
            outcome.results.add(target.id());
            outcome.lineage.add(new LineageLink(source.id(), target.id(), date, ReorganizationType.SPLIT));
        }
        UUID newParent = targetIds.get(0);
        children.values().forEach(child -> child.changeFrom(date, period -> move(period, newParent), actor));
        outcome.touched.putAll(children);
        outcome.reshaped.add(source.id());
        outcome.reshaped.addAll(targetIds);
        outcome.reshaped.addAll(children.keySet());
    }

    private void move(ReorganizationRequest request, LocalDate date, String actor, Outcome outcome) {
        Unit unit = requireLiving(units.lockAll(List.of(request.unitId())), request.unitId(), date, "unitId");
        UnitPeriod period = unit.periodOn(date).orElseThrow();
        if (Objects.equals(period.parentId(), request.newParentId())) {
            throw ProblemException.unprocessable("newParentId", "the unit already hangs there on " + date);
        }
        if (request.newParentId().equals(unit.id()) || units.ancestorIds(request.newParentId(), date).contains(unit.id())) {
            throw ProblemException.unprocessable("newParentId", "the new parent lies inside the unit's own subtree (a cycle)");
        }
        unitChanges.requireParent(request.newParentId(), date, period.level(), "newParentId");
        unit.changeFrom(date, p -> move(p, request.newParentId()), actor);
        outcome.touched.put(unit.id(), unit);
        outcome.results.add(unit.id());
        outcome.reshaped.add(unit.id());
    }

    private void rename(ReorganizationRequest request, LocalDate date, String actor, Outcome outcome) {
        Unit unit = requireLiving(units.lockAll(List.of(request.unitId())), request.unitId(), date, "unitId");
        if (VietnameseText.normalize(request.newName()).equals(unit.periodOn(date).orElseThrow().name())) {
            throw ProblemException.unprocessable("newName", "the unit already has that name on " + date);
        }
        unit.changeFrom(date, p -> p.rename(request.newName()), actor);
        outcome.touched.put(unit.id(), unit);
        outcome.results.add(unit.id());
    }

    private void dissolve(ReorganizationRequest request, LocalDate date, String actor, Outcome outcome) {
        Unit unit = requireLiving(units.lockAll(List.of(request.unitId())), request.unitId(), date, "unitId");
        UUID parentId = unit.periodOn(date).orElseThrow().parentId();
        Map<UUID, Unit> children = childrenToMove(List.of(unit.id()), date, List.of(unit.id()));
        if (!children.isEmpty() && parentId == null) {
            throw ProblemException.unprocessable("unitId", "a unit without parent cannot be dissolved while "
                    + children.size() + " units hang under it");
        }
        Unit parent = parentId == null ? null : units.lockAll(List.of(parentId)).get(parentId);
        unit.endBefore(date, actor);
        children.values().forEach(child -> child.changeFrom(date, period -> move(period, parentId), actor));
        outcome.touched.put(unit.id(), unit);
        outcome.touched.putAll(children);
        outcome.reshaped.add(unit.id());
        outcome.reshaped.addAll(children.keySet());
        if (parent != null) {
            parent.touch(actor);
            outcome.touched.put(parent.id(), parent);
            outcome.lineage.add(new LineageLink(unit.id(), parentId, date, ReorganizationType.DISSOLVE));
        }
    }

    private static void move(UnitPeriod period, UUID parentId) {
        period.moveUnder(parentId);
    }

    /** The unit, alive on the date with no recorded end (so not already merged, split or dissolved). */
    private Unit requireLiving(Map<UUID, Unit> locked, UUID id, LocalDate date, String field) {
        Unit unit = locked.get(id);
        if (unit == null) {
            throw ProblemException.unprocessable(field, "unit " + id + " does not exist");
        }
        if (unit.validTo() != null) {
            throw ProblemException.unprocessable(field, "unit " + id + " already ended on " + unit.validTo()
                    + " (merged, split or dissolved before)");
        }
        if (!unit.existsOn(date)) {
            throw ProblemException.unprocessable(field, "unit " + id + " does not exist on " + date);
        }
        if (!unit.latest().covers(date)) {
            throw ProblemException.unprocessable(field, "unit " + id + " has a change recorded from "
                    + unit.latest().validFrom() + "; changes must be recorded in date order");
        }
        return unit;
    }

    private void requireNewUnit(ReorganizationRequest.NewUnit spec, UUID id, LocalDate date, List<UUID> ending,
                                String field) {
        if (units.findById(id) != null) {
            throw ProblemException.conflict("unit " + id + " exists already");
        }
        if (spec.parentId() != null && ending.contains(spec.parentId())) {
            throw ProblemException.unprocessable(field + ".parentId", "unit " + spec.parentId() + " ends the day before");
        }
        unitChanges.requireParent(spec.parentId(), date, spec.level(), field + ".parentId");
        codes.requireFree(blankToNull(spec.code()), id, field + ".code");
    }

    /** A target must not hang under a unit that ends: it would move under itself. */
    private void requireNotUnder(UUID targetId, List<UUID> ending, LocalDate date, String field) {
        for (UUID ancestor : units.ancestorIds(targetId, date)) {
            if (ending.contains(ancestor)) {
                throw ProblemException.unprocessable(field, "the target lies under source " + ancestor);
            }
        }
    }

    /** The living children, on the date, of the units that end (except those that end themselves), locked. */
    private Map<UUID, Unit> childrenToMove(List<UUID> parents, LocalDate date, List<UUID> ending) {
        List<UUID> childIds = new ArrayList<>();
        for (UUID parent : parents) {
            units.childIds(parent, date).stream().filter(id -> !ending.contains(id)).forEach(childIds::add);
        }
        Map<UUID, Unit> children = units.lockAll(childIds);
        children.forEach((childId, child) -> requireLiving(children, childId, date, "children"));
        return children;
    }

    private Unit createUnit(ReorganizationRequest.NewUnit spec, UUID id, LocalDate date, String actor) {
        String code = blankToNull(spec.code());
        Unit unit = new Unit(id, spec.name(), spec.kind(), spec.level(), spec.parentId(), code, date, actor);
        units.persist(unit);
        codes.claim(code, id, "code");
        return unit;
    }

    private static String blankToNull(String code) {
        return code == null || code.isBlank() ? null : code.trim();
    }

    /** 400 with every missing or malformed field of the request, before anything is read or written. */
    static void validateShape(ReorganizationRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.type() == null) {
            errors.add(new FieldError("type", "is required (MERGE, SPLIT, MOVE, RENAME or DISSOLVE)"));
        }
        if (request.effectiveDate() == null) {
            errors.add(new FieldError("effectiveDate", "is required"));
        }
        if (request.decisionRef() != null && request.decisionRef().length() > 255) {
            errors.add(new FieldError("decisionRef", "must be at most 255 characters"));
        }
        if (request.type() != null) {
            switch (request.type()) {
                case MERGE -> {
                    if (request.sourceIds() == null || request.sourceIds().isEmpty()) {
                        errors.add(new FieldError("sourceIds", "must name at least one unit"));
                    } else {
                        if (request.sourceIds().contains(null)) {
                            errors.add(new FieldError("sourceIds", "must not contain null"));
                        }
                        if (new HashSet<>(request.sourceIds()).size() != request.sourceIds().size()) {
                            errors.add(new FieldError("sourceIds", "names a unit twice"));
                        }
                    }
                    if ((request.targetId() == null) == (request.target() == null)) {
                        errors.add(new FieldError("targetId", "give either targetId (an existing unit) or target (a new unit)"));
                    }
                    if (request.target() != null) {
                        validateNewUnit(request.target(), "target", errors);
                    }
                }
                case SPLIT -> {
                    if (request.sourceId() == null) {
                        errors.add(new FieldError("sourceId", "is required"));
                    }
                    if (request.targets() == null || request.targets().size() < 2) {
                        errors.add(new FieldError("targets", "must name at least two new units"));
                    } else {
                        for (int i = 0; i < request.targets().size(); i++) {
                            validateNewUnit(request.targets().get(i), "targets[" + i + "]", errors);
                        }
                    }
                }
                case MOVE -> {
                    if (request.unitId() == null) {
                        errors.add(new FieldError("unitId", "is required"));
                    }
                    if (request.newParentId() == null) {
                        errors.add(new FieldError("newParentId", "is required"));
                    }
                }
                case RENAME -> {
                    if (request.unitId() == null) {
                        errors.add(new FieldError("unitId", "is required"));
                    }
                    if (request.newName() == null || request.newName().isBlank()) {
                        errors.add(new FieldError("newName", "must not be blank"));
                    } else if (request.newName().length() > 255) {
                        errors.add(new FieldError("newName", "must be at most 255 characters"));
                    }
                }
                case DISSOLVE -> {
                    if (request.unitId() == null) {
                        errors.add(new FieldError("unitId", "is required"));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static void validateNewUnit(ReorganizationRequest.NewUnit spec, String field, List<FieldError> errors) {
        if (spec == null) {
            errors.add(new FieldError(field, "is required"));
            return;
        }
        if (spec.name() == null || spec.name().isBlank()) {
            errors.add(new FieldError(field + ".name", "must not be blank"));
        } else if (spec.name().length() > 255) {
            errors.add(new FieldError(field + ".name", "must be at most 255 characters"));
        }
        if (spec.kind() == null) {
            errors.add(new FieldError(field + ".kind", "is required"));
        }
        if (spec.level() == null) {
            errors.add(new FieldError(field + ".level", "is required"));
        }
        if (spec.code() != null && !spec.code().matches("[0-9A-Za-z._-]{0,32}")) {
            errors.add(new FieldError(field + ".code", "may contain only letters, digits, '.', '_' and '-' (at most 32)"));
        }
    }
}

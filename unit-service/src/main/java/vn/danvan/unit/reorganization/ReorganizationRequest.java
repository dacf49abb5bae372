package vn.danvan.unit.reorganization;

import vn.danvan.unit.unit.UnitKind;
import vn.danvan.unit.unit.UnitLevel;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Body of POST /api/reorganizations; which fields are needed depends on {@code type}:
 * MERGE {sourceIds, targetId | target}, SPLIT {sourceId, targets}, MOVE {unitId, newParentId},
 * RENAME {unitId, newName}, DISSOLVE {unitId}. {@code id} is optional (imports bring their own).
 */
public record ReorganizationRequest(UUID id, ReorganizationType type, LocalDate effectiveDate, String decisionRef,
                                    List<UUID> sourceIds, UUID targetId, NewUnit target,
                                    UUID sourceId, List<NewUnit> targets,
                                    UUID unitId, UUID newParentId, String newName) {

    /** A unit that the reorganisation creates; {@code id} is optional. */
    public record NewUnit(UUID id, String name, UnitKind kind, UnitLevel level, UUID parentId, String code) {
    }
}

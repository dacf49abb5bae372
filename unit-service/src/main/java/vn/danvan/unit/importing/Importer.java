package vn.danvan.unit.importing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import vn.danvan.common.text.VietnameseText;
import vn.danvan.common.web.Problem;
import vn.danvan.common.web.ProblemException;
import vn.danvan.unit.reorganization.ReorganizationRequest;
import vn.danvan.unit.reorganization.ReorganizationType;
import vn.danvan.unit.reorganization.Reorganizer;
import vn.danvan.unit.unit.Unit;
import vn.danvan.unit.unit.UnitChanges;
import vn.danvan.unit.unit.UnitCodes;
import vn.danvan.unit.unit.UnitKind;
import vn.danvan.unit.unit.UnitLevel;
import vn.danvan.unit.unit.UnitPeriod;
import vn.danvan.unit.unit.UnitRepository;
import vn.danvan.unit.unit.UnitRequest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Bulk imports. Each row is applied in its own transaction, with its event, through the same rules as the API:
 * a bad row is reported and changes nothing, the good rows are kept. Rows are matched by administrative code, so
 * importing the same file again changes nothing.
 */
@ApplicationScoped
public class Importer {
    private static final Map<String, UnitLevel> LEVEL_WORDS = Map.ofEntries(
            Map.entry("province", UnitLevel.PROVINCE), Map.entry("tinh", UnitLevel.PROVINCE),
            Map.entry("thanh pho truc thuoc trung uong", UnitLevel.PROVINCE),
            Map.entry("district", UnitLevel.DISTRICT), Map.entry("huyen", UnitLevel.DISTRICT),
            Map.entry("quan", UnitLevel.DISTRICT), Map.entry("thi xa", UnitLevel.DISTRICT),
            Map.entry("thanh pho", UnitLevel.DISTRICT),
            Map.entry("commune", UnitLevel.COMMUNE), Map.entry("xa", UnitLevel.COMMUNE),
            Map.entry("phuong", UnitLevel.COMMUNE), Map.entry("thi tran", UnitLevel.COMMUNE),
            Map.entry("dac khu", UnitLevel.COMMUNE),
            Map.entry("village", UnitLevel.VILLAGE), Map.entry("thon", UnitLevel.VILLAGE),
            Map.entry("to dan pho", UnitLevel.VILLAGE), Map.entry("xom", UnitLevel.VILLAGE),
            Map.entry("ban", UnitLevel.VILLAGE), Map.entry("ap", UnitLevel.VILLAGE));

    @Inject
    UnitChanges changes;

    @Inject
    UnitRepository units;

    @Inject
    UnitCodes codes;

    @Inject
    Reorganizer reorganizer;

    @Inject
    EntityManager em;

    /** Columns: code, name, level, parentCode; optional kind, validFrom, id. */
    public ImportReport importUnits(Table table, UnitKind defaultKind, LocalDate defaultValidFrom, String actor) {
        List<Table.Line> lines = new ArrayList<>(table.lines());
        // Parents before children, whatever the order of the file.
        lines.sort(Comparator.comparingInt(line -> {
            UnitLevel level = levelOrNull(line.get("level", "cap", "capdonvi"));
            return level == null ? Integer.MAX_VALUE : level.ordinal();
        }));
        Tally tally = new Tally(lines.size());
        for (Table.Line line : lines) {
            String code = line.get("code", "ma", "madonvi");
            try {
                Outcome outcome = QuarkusTransaction.requiringNew().call(() -> importUnit(line, code, defaultKind,
                        defaultValidFrom, actor));
                tally.add(outcome);
            } catch (ProblemException e) {
                tally.reject(line.number(), code, e);
            }
        }
        return tally.report();
    }

    private record Outcome(boolean applied, UUID id) {
    }

    private Outcome importUnit(Table.Line line, String code, UnitKind defaultKind, LocalDate defaultValidFrom,
                               String actor) {
        String name = line.get("name", "ten", "tendonvi");
        List<Problem.FieldError> errors = new ArrayList<>();
        if (code == null) {
            errors.add(new Problem.FieldError("code", "is required"));
        } else if (!code.matches("[0-9A-Za-z._-]{1,32}")) {
            errors.add(new Problem.FieldError("code", "may contain only letters, digits, '.', '_' and '-' (at most 32)"));
        }
        if (name == null) {
            errors.add(new Problem.FieldError("name", "is required"));
        }
        String levelText = line.get("level", "cap", "capdonvi");
        UnitLevel level = levelOrNull(levelText);
        if (level == null) {
            errors.add(new Problem.FieldError("level", "is required: PROVINCE, DISTRICT, COMMUNE or VILLAGE (or tỉnh, huyện, xã, thôn…)"));
        }
        UnitKind kind = defaultKind;
        String kindText = line.get("kind", "loai");
        if (kindText != null) {
            try {
                kind = UnitKind.valueOf(kindText.toUpperCase());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("kind", "must be one of " + Arrays.toString(UnitKind.values())));
            }
        }
        LocalDate validFrom = date(line.get("validFrom", "tungay"), "validFrom", errors, defaultValidFrom);
        UUID id = null;
        String idText = line.get("id");
        if (idText != null) {
            try {
                id = UUID.fromString(idText);
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("id", "must be a UUID"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        UUID parentId = null;
        String parentCode = line.get("parentCode", "macha", "madonvicha", "matructhuoc", "parent");
        if (parentCode != null) {
            parentId = codes.owner(parentCode);
            if (parentId == null) {
                throw ProblemException.unprocessable("parentCode", "no unit has code " + parentCode);
            }
        }
        UUID existing = codes.owner(code);
        if (existing != null) {
            UnitPeriod latest = units.require(existing).latest();
            if (VietnameseText.normalize(name).equals(latest.name()) && latest.level() == level
                    && Objects.equals(latest.parentId(), parentId)) {
                return new Outcome(false, existing);
            }
            throw ProblemException.conflict("code " + code + " is unit " + existing + " (" + latest.name()
                    + ") with other attributes; correct it with PUT or record a reorganisation");
        }
        Unit unit = changes.create(new UnitRequest(id, name, kind, level, parentId, code, validFrom), actor);
        return new Outcome(true, unit.id());
    }

    /**
     * Columns: oldCodes (separated by ';', ',' or spaces), newCode, effectiveDate; optional newName (required when
     * newCode is not a unit yet), decisionRef, parentCode, kind, level. Old codes that are not the new code are
     * merged into the unit of newCode (an existing one keeps its code, else a new one is created); a new name of an
     * existing unit is a rename on the same date.
     */
    public ImportReport importReorganizations(Table table, String actor) {
        List<Table.Line> lines = new ArrayList<>(table.lines());
        lines.sort(Comparator.comparing(line -> Objects.toString(line.get("effectiveDate", "ngayhieuluc"), "")));
        Tally tally = new Tally(lines.size());
        for (Table.Line line : lines) {
            String newCode = line.get("newCode", "mamoi");
            try {
                tally.add(QuarkusTransaction.requiringNew().call(() -> importReorganization(line, newCode, actor)));
            } catch (ProblemException e) {
                tally.reject(line.number(), newCode, e);
            }
        }
        return tally.report();
    }

    private Outcome importReorganization(Table.Line line, String newCode, String actor) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String oldText = line.get("oldCodes", "macu", "oldCode");
        if (oldText == null) {
            errors.add(new Problem.FieldError("oldCodes", "is required"));
        }
        if (newCode == null) {
            errors.add(new Problem.FieldError("newCode", "is required"));
        }
        LocalDate date = date(line.get("effectiveDate", "ngayhieuluc"), "effectiveDate", errors, null);
        if (date == null && errors.stream().noneMatch(e -> e.field().equals("effectiveDate"))) {
            errors.add(new Problem.FieldError("effectiveDate", "is required"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        String decisionRef = line.get("decisionRef", "quyetdinh", "soquyetdinh");
        String newName = line.get("newName", "tenmoi");
        List<UUID> sources = new ArrayList<>();
        for (String oldCode : oldText.split("[;,\\s]+")) {
            if (oldCode.isBlank() || oldCode.equals(newCode)) {
                continue;
            }
            UUID owner = codes.owner(oldCode);
            if (owner == null) {
                throw ProblemException.unprocessable("oldCodes", "no unit has code " + oldCode);
            }
            if (!sources.contains(owner)) {
                sources.add(owner);
            }
        }
        UUID targetId = codes.owner(newCode);
        if (targetId != null) {
            long done = sources.stream().filter(source -> merged(source, targetId, date)).count();
            if (done > 0 && done < sources.size()) {
                throw ProblemException.conflict("only part of this row was applied before");
            }
            boolean applied = false;
            if (done == 0 && !sources.isEmpty()) {
                reorganizer.apply(new ReorganizationRequest(null, ReorganizationType.MERGE, date, decisionRef, sources,
                        targetId, null, null, null, null, null, null), actor);
                applied = true;
            }
            Unit target = units.require(targetId);
            UnitPeriod period = target.periodOn(date).orElseThrow(() -> ProblemException.unprocessable("newCode",
                    "unit of code " + newCode + " does not exist on " + date));
            if (newName != null && !VietnameseText.normalize(newName).equals(period.name())) {
                reorganizer.apply(new ReorganizationRequest(null, ReorganizationType.RENAME, date, decisionRef, null,
                        null, null, null, null, targetId, null, newName), actor);
                applied = true;
            }
            return new Outcome(applied, targetId);
        }
        if (sources.isEmpty()) {
            throw ProblemException.unprocessable("oldCodes", "names no unit to merge");
        }
        if (newName == null) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("newName", "is required for a new unit")));
        }
        UnitPeriod first = units.require(sources.get(0)).periodOn(date.minusDays(1)).orElseThrow(() ->
                ProblemException.unprocessable("oldCodes", "unit of code " + oldText + " does not exist on "
                        + date.minusDays(1)));
        UUID parentId = first.parentId();
        String parentCode = line.get("parentCode", "macha");
        if (parentCode != null) {
            parentId = codes.owner(parentCode);
            if (parentId == null) {
                throw ProblemException.unprocessable("parentCode", "no unit has code " + parentCode);
            }
        }
        UnitKind kind = first.kind();
        String kindText = line.get("kind", "loai");
        if (kindText != null) {
            try {
                kind = UnitKind.valueOf(kindText.toUpperCase());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("kind", "must be one of " + Arrays.toString(UnitKind.values()));
            }
        }
        UnitLevel level = first.level();
        String levelText = line.get("level", "cap");
        if (levelText != null) {
            level = levelOrNull(levelText);
            if (level == null) {
                throw ProblemException.badRequest("level", "must be PROVINCE, DISTRICT, COMMUNE or VILLAGE");
            }
        }
        var reorganization = reorganizer.apply(new ReorganizationRequest(null, ReorganizationType.MERGE, date,
                decisionRef, sources, null, new ReorganizationRequest.NewUnit(null, newName, kind, level, parentId,
                newCode), null, null, null, null, null), actor);
        return new Outcome(true, reorganization.resultUnitIds().get(0));
    }

    private boolean merged(UUID predecessor, UUID successor, LocalDate date) {
        return !em.createNativeQuery("SELECT 1 FROM lineage WHERE predecessor_id = ?1 AND successor_id = ?2 "
                        + "AND effective_date = ?3")
                .setParameter(1, predecessor).setParameter(2, successor).setParameter(3, date).getResultList().isEmpty();
    }

    static UnitLevel levelOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return UnitLevel.valueOf(text.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            return LEVEL_WORDS.get(VietnameseText.fold(text));
        }
    }

    private static LocalDate date(String text, String field, List<Problem.FieldError> errors, LocalDate fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "must be a date YYYY-MM-DD"));
            return fallback;
        }
    }

    private static final class Tally {
        private final int rows;
        private int applied;
        private int unchanged;
        private final List<ImportReport.RejectedRow> rejected = new ArrayList<>();
        private final List<UUID> ids = new ArrayList<>();

        Tally(int rows) {
            this.rows = rows;
        }

        void add(Outcome outcome) {
            if (outcome.applied()) {
                applied++;
            } else {
                unchanged++;
            }
            ids.add(outcome.id());
        }

        void reject(int row, String code, ProblemException e) {
            if (e.errors() == null) {
                rejected.add(new ImportReport.RejectedRow(row, code, null, e.getMessage()));
            } else {
                e.errors().forEach(error -> rejected.add(new ImportReport.RejectedRow(row, code, error.field(),
                        error.message())));
            }
        }

        ImportReport report() {
            rejected.sort(Comparator.comparingInt(ImportReport.RejectedRow::row));
            return new ImportReport(rows, applied, unchanged, rejected, ids);
        }
    }
}

package vn.danvan.reporting.plan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.danvan.common.sql.SqlArrays;
import vn.danvan.common.text.VietnameseText;
import vn.danvan.reporting.projection.Kept;
import vn.danvan.reporting.report.Labels;
import vn.danvan.reporting.unit.Structure;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Plan status of a subtree for a year: expected signers, who signed, partners, task progress from reviews. */
@ApplicationScoped
public class PlanReportQuery {
    private static final Set<String> SIGNED = Set.of("SIGNED", "CLOSED");

    @Inject
    EntityManager em;

    @Inject
    Structure structure;

    /** Kinds of unit expected to sign a coordination plan every year. */
    @ConfigProperty(name = "danvan.reports.plan-owner-kinds", defaultValue = "MASS_MOBILIZATION_BOARD")
    List<String> ownerKinds;

    /** Reports kept until the tree or the plans change (tree_version, plan_version), at most 128. */
    private final Kept<List<Object>, PlanReport> kept = new Kept<>(128);

    /**
     * The plan status of the subtree for the year. The same report is asked for by every dashboard of the unit while
     * plans change a few times a year: it is kept until any plan event or change of the tree is applied.
     */
    public PlanReport report(UUID unitId, int year, LocalDate structureAsOf) {
        LocalDate asOf = structureAsOf == null ? LocalDate.of(year, 12, 31) : structureAsOf;
        Object[] versions = (Object[]) em.createNativeQuery("SELECT t.version, p.version FROM tree_version t, plan_version p")
                .getSingleResult();
        return kept.get(List.of(unitId, year, asOf), List.of(versions), () -> compute(unitId, year, asOf));
    }

    @SuppressWarnings("unchecked")
    private PlanReport compute(UUID unitId, int year, LocalDate asOf) {
        Structure.UnitAt unit = structure.require(unitId, asOf);
        LocalDate yearStart = LocalDate.of(year, 1, 1);
        LocalDate yearEnd = LocalDate.of(year, 12, 31);

        // Members of the subtree as they stood, with their names and kinds then (kept with the subtree's list).
        Structure.Members subtree = structure.members(unitId, asOf);
        Map<UUID, Object[]> members = structure.derived(subtree, "plan-members", unitId, asOf, () -> {
            List<Object[]> memberRows = em.createNativeQuery(Structure.MEMBER_LIST + """
                            SELECT m.id, p.name, p.level, p.kind, (n.valid_to IS NULL OR n.valid_to >= :asOf)
                            FROM members m
                            JOIN unit_node n ON n.id = m.id
                            JOIN unit_period p ON p.unit_id = m.id
                             AND p.valid_from <= LEAST(COALESCE(n.valid_to, :asOf), :asOf)
                             AND (p.valid_to IS NULL OR p.valid_to >= LEAST(COALESCE(n.valid_to, :asOf), :asOf))""")
                    .setParameter("ids", subtree.ids()).setParameter("branches", subtree.branches()).setParameter("asOf", asOf)
                    .getResultList();
            Map<UUID, Object[]> rows = new LinkedHashMap<>();
            memberRows.forEach(row -> rows.putIfAbsent((UUID) row[0], row));
            return java.util.Collections.unmodifiableMap(rows);
        });

        // The plans of the year, matched to the members by joins (hashed): comparing each plan's partners with an
        // array of a thousand ids (&&) took seconds at national scale.
        List<Object[]> planRows = em.createNativeQuery(Structure.MEMBER_LIST + """
                        , of_year AS MATERIALIZED (
                            SELECT plan_id, title, document_number, status, signed_on, place, year, start_date, end_date,
                                   owner_unit_id, partner_unit_ids
                            FROM plan_fact
                            WHERE year = :year OR (year IS NULL AND start_date <= :yearEnd AND (end_date IS NULL OR end_date >= :yearStart))
                               OR (start_date <= :yearEnd AND end_date >= :yearStart)),
                        matched AS (
                            SELECT p.plan_id FROM of_year p JOIN members m ON m.id = p.owner_unit_id
                          UNION
                            SELECT p.plan_id FROM of_year p CROSS JOIN LATERAL unnest(p.partner_unit_ids) u(id)
                            JOIN members m ON m.id = u.id)
                        SELECT p.* FROM of_year p JOIN matched USING (plan_id)""")
                .setParameter("year", year).setParameter("yearStart", yearStart).setParameter("yearEnd", yearEnd)
                .setParameter("ids", subtree.ids()).setParameter("branches", subtree.branches())
                .getResultList();

        // Tasks, last reviews and names of every plan, each in one statement.
        Set<UUID> planned = new LinkedHashSet<>();
        planRows.forEach(row -> planned.add((UUID) row[0]));
        Map<UUID, List<Object[]>> taskRows = tasksOf(planned);
        Map<UUID, PlanReport.Review> lastReviews = lastReviews(planned);
        Set<UUID> parties = new LinkedHashSet<>();
        for (Object[] row : planRows) {
            parties.add((UUID) row[9]);
            if (row[10] != null) {
                parties.addAll(Arrays.asList((UUID[]) row[10]));
            }
        }
        taskRows.values().forEach(rows -> rows.stream().filter(r -> r[2] != null).forEach(r -> parties.add((UUID) r[2])));
        Map<UUID, String> names = names(parties);
        List<PlanReport.PlanLine> plans = new ArrayList<>();
        Map<UUID, List<UUID>> signedBy = new HashMap<>();
        int total = 0, done = 0, inProgress = 0, notStarted = 0;
        for (Object[] row : planRows) {
            UUID planId = (UUID) row[0];
            String status = (String) row[3];
            UUID owner = (UUID) row[9];
            List<UUID> partners = row[10] == null ? List.of() : Arrays.asList((UUID[]) row[10]);
            List<PlanReport.Task> tasks = taskRows.getOrDefault(planId, List.of()).stream()
                    .map(r -> new PlanReport.Task((UUID) r[1], (String) r[3], (UUID) r[2], r[2] == null ? null : names.get((UUID) r[2]),
                            (String) r[4], Labels.of((String) r[4]), (String) r[5])).toList();
            int d = (int) tasks.stream().filter(t -> "DONE".equals(t.status())).count();
            int p = (int) tasks.stream().filter(t -> "IN_PROGRESS".equals(t.status())).count();
            PlanReport.TaskCounts counts = new PlanReport.TaskCounts(tasks.size(), d, p, tasks.size() - d - p);
            total += counts.total();
            done += d;
            inProgress += p;
            notStarted += counts.notStarted();
            plans.add(new PlanReport.PlanLine(planId, (String) row[1], (String) row[2], status, Labels.of(status),
                    date(row[4]), (String) row[5], row[6] == null ? null : ((Number) row[6]).intValue(), date(row[7]),
                    date(row[8]), new PlanReport.Party(owner, names.get(owner)),
                    partners.stream().map(id -> new PlanReport.Party(id, names.get(id))).toList(), counts,
                    lastReviews.get(planId), tasks));
            if (SIGNED.contains(status)) {
                signedBy.computeIfAbsent(owner, k -> new ArrayList<>()).add(planId);
                partners.forEach(id -> signedBy.computeIfAbsent(id, k -> new ArrayList<>()).add(planId));
            }
        }
        plans.sort(Comparator.comparing((PlanReport.PlanLine l) -> l.owner().name() == null ? "" : l.owner().name(),
                VietnameseText.collation()).thenComparing(l -> l.title() == null ? "" : l.title()));

        List<PlanReport.UnitStatus> units = new ArrayList<>();
        int expected = 0, signed = 0;
        for (Object[] member : members.values()) {
            UUID id = (UUID) member[0];
            // Units merged away before the date are listed only if they signed; they are not expected to.
            boolean isExpected = Boolean.TRUE.equals(member[4]) && ownerKinds.contains((String) member[3]);
            List<UUID> planIds = signedBy.getOrDefault(id, List.of());
            if (!isExpected && planIds.isEmpty()) {
                continue;
            }
            if (isExpected) {
                expected++;
                if (!planIds.isEmpty()) {
                    signed++;
                }
            }
            units.add(new PlanReport.UnitStatus(id, (String) member[1], (String) member[2], (String) member[3], isExpected,
                    !planIds.isEmpty(), planIds));
        }
        units.sort(Comparator.comparing((PlanReport.UnitStatus u) -> u.signed())
                .thenComparing(PlanReport.UnitStatus::name, VietnameseText.collation()));
        PlanReport.Summary summary = new PlanReport.Summary(expected, signed, expected - signed, plans.size(),
                new PlanReport.TaskCounts(total, done, inProgress, notStarted));
        return new PlanReport(unitId, unit.name(), year, asOf, summary, List.copyOf(units), List.copyOf(plans));
    }

    /** The tasks of the plans, by plan, each plan's in the order of their titles: (plan, task, responsible, title, status, note). */
    @SuppressWarnings("unchecked")
    private Map<UUID, List<Object[]>> tasksOf(Set<UUID> planIds) {
        Map<UUID, List<Object[]>> tasks = new HashMap<>();
        if (planIds.isEmpty()) {
            return tasks;
        }
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT plan_id, task_id, responsible_unit_id, title, status, note FROM plan_task
                        WHERE plan_id = ANY(CAST(?1 AS uuid[])) ORDER BY plan_id, title""")
                .setParameter(1, SqlArrays.literal(planIds)).getResultList();
        rows.forEach(row -> tasks.computeIfAbsent((UUID) row[0], k -> new ArrayList<>()).add(row));
        return tasks;
    }

    /** The last review of each plan that had one. */
    @SuppressWarnings("unchecked")
    private Map<UUID, PlanReport.Review> lastReviews(Set<UUID> planIds) {
        Map<UUID, PlanReport.Review> reviews = new HashMap<>();
        if (planIds.isEmpty()) {
            return reviews;
        }
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT DISTINCT ON (plan_id) plan_id, kind, held_on FROM plan_review
                        WHERE plan_id = ANY(CAST(?1 AS uuid[])) ORDER BY plan_id, held_on DESC""")
                .setParameter(1, SqlArrays.literal(planIds)).getResultList();
        rows.forEach(row -> reviews.put((UUID) row[0], new PlanReport.Review((String) row[1], Labels.of((String) row[1]),
                date(row[2]))));
        return reviews;
    }

    /** The last name of each unit (owners, partners, responsible units). */
    @SuppressWarnings("unchecked")
    private Map<UUID, String> names(Set<UUID> ids) {
        Map<UUID, String> names = new HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT DISTINCT ON (unit_id) unit_id, name FROM unit_period
                        WHERE unit_id = ANY(CAST(?1 AS uuid[])) ORDER BY unit_id, valid_from DESC""")
                .setParameter(1, SqlArrays.literal(ids)).getResultList();
        rows.forEach(row -> names.put((UUID) row[0], (String) row[1]));
        return names;
    }

    private static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }
}

package vn.danvan.reporting.plan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.danvan.common.text.VietnameseText;
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

    @SuppressWarnings("unchecked")
    public PlanReport report(UUID unitId, int year, LocalDate structureAsOf) {
        LocalDate asOf = structureAsOf == null ? LocalDate.of(year, 12, 31) : structureAsOf;
        Structure.UnitAt unit = structure.require(unitId, asOf);
        LocalDate yearStart = LocalDate.of(year, 1, 1);
        LocalDate yearEnd = LocalDate.of(year, 12, 31);

        // Members of the subtree as they stood, with their names and kinds then.
        Structure.Members subtree = structure.members(unitId, asOf);
        List<Object[]> memberRows = em.createNativeQuery(Structure.MEMBER_LIST + """
                        SELECT m.id, p.name, p.level, p.kind, (n.valid_to IS NULL OR n.valid_to >= :asOf)
                        FROM members m
                        JOIN unit_node n ON n.id = m.id
                        JOIN unit_period p ON p.unit_id = m.id
                         AND p.valid_from <= LEAST(COALESCE(n.valid_to, :asOf), :asOf)
                         AND (p.valid_to IS NULL OR p.valid_to >= LEAST(COALESCE(n.valid_to, :asOf), :asOf))""")
                .setParameter("ids", subtree.ids()).setParameter("branches", subtree.branches()).setParameter("asOf", asOf)
                .getResultList();
        Map<UUID, Object[]> members = new LinkedHashMap<>();
        memberRows.forEach(row -> members.putIfAbsent((UUID) row[0], row));

        // Plans of the year whose owner or a partner is a member.
        List<Object[]> planRows = em.createNativeQuery("""
                        SELECT plan_id, title, document_number, status, signed_on, place, year, start_date, end_date,
                               owner_unit_id, partner_unit_ids
                        FROM plan_fact
                        WHERE (year = :year OR (year IS NULL AND start_date <= :yearEnd AND (end_date IS NULL OR end_date >= :yearStart))
                               OR (start_date <= :yearEnd AND end_date >= :yearStart))
                          AND (owner_unit_id = ANY(CAST(:members AS uuid[])) OR partner_unit_ids && CAST(:members AS uuid[]))""")
                .setParameter("year", year).setParameter("yearStart", yearStart).setParameter("yearEnd", yearEnd)
                .setParameter("members", array(members.keySet()))
                .getResultList();

        Map<UUID, String> names = namesOn(asOf, planRows);
        List<PlanReport.PlanLine> plans = new ArrayList<>();
        Map<UUID, List<UUID>> signedBy = new HashMap<>();
        int total = 0, done = 0, inProgress = 0, notStarted = 0;
        for (Object[] row : planRows) {
            UUID planId = (UUID) row[0];
            String status = (String) row[3];
            UUID owner = (UUID) row[9];
            List<UUID> partners = row[10] == null ? List.of() : Arrays.asList((UUID[]) row[10]);
            List<PlanReport.Task> tasks = tasks(planId, names);
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
                    lastReview(planId), tasks));
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
        return new PlanReport(unitId, unit.name(), year, asOf, summary, units, plans);
    }

    @SuppressWarnings("unchecked")
    private List<PlanReport.Task> tasks(UUID planId, Map<UUID, String> names) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT task_id, title, responsible_unit_id, status, note FROM plan_task WHERE plan_id = ?1
                        ORDER BY title""").setParameter(1, planId).getResultList();
        return rows.stream().map(r -> new PlanReport.Task((UUID) r[0], (String) r[1], (UUID) r[2],
                r[2] == null ? null : names.computeIfAbsent((UUID) r[2], id -> nameOf(id)), (String) r[3],
                Labels.of((String) r[3]), (String) r[4])).toList();
    }

    private PlanReport.Review lastReview(UUID planId) {
        List<?> rows = em.createNativeQuery("""
                        SELECT kind, held_on FROM plan_review WHERE plan_id = ?1 ORDER BY held_on DESC LIMIT 1""")
                .setParameter(1, planId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = (Object[]) rows.get(0);
        return new PlanReport.Review((String) row[0], Labels.of((String) row[0]), date(row[1]));
    }

    /** Names of every owner and partner, as of the date (or their last name if they ended before it). */
    private Map<UUID, String> namesOn(LocalDate asOf, List<Object[]> planRows) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (Object[] row : planRows) {
            ids.add((UUID) row[9]);
            if (row[10] != null) {
                ids.addAll(Arrays.asList((UUID[]) row[10]));
            }
        }
        Map<UUID, String> names = new HashMap<>();
        ids.forEach(id -> names.put(id, nameOf(id)));
        return names;
    }

    private String nameOf(UUID id) {
        return (String) em.createNativeQuery("""
                        SELECT name FROM unit_period WHERE unit_id = ?1 ORDER BY valid_from DESC LIMIT 1""")
                .setParameter(1, id).getResultList().stream().findFirst().orElse(null);
    }

    private static String array(Set<UUID> ids) {
        return "{" + String.join(",", ids.stream().map(UUID::toString).toList()) + "}";
    }

    private static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }
}

package vn.danvan.reporting.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The answer of GET /api/reports/plans: who in the subtree has signed a coordination plan for the year. */
public record PlanReport(UUID unitId, String unitName, int year, LocalDate structureAsOf, Summary summary,
                         List<UnitStatus> units, List<PlanLine> plans) {

    public record Summary(int expected, int signed, int notSigned, int plans, TaskCounts tasks) {
    }

    /** A unit expected to sign (a mass-mobilization board, by default) or one that signed anyway. */
    public record UnitStatus(UUID unitId, String name, String level, String kind, boolean expected, boolean signed,
                             List<UUID> planIds) {
    }

    public record PlanLine(UUID planId, String title, String documentNumber, String status, String statusLabel,
                           LocalDate signedOn, String place, Integer year, LocalDate startDate, LocalDate endDate,
                           Party owner, List<Party> partners, TaskCounts tasks, Review lastReview, List<Task> taskList) {
    }

    public record Party(UUID unitId, String name) {
    }

    public record TaskCounts(int total, int done, int inProgress, int notStarted) {
    }

    public record Task(UUID taskId, String title, UUID responsibleUnitId, String responsibleUnitName, String status,
                       String statusLabel, String note) {
    }

    public record Review(String kind, String kindLabel, LocalDate heldOn) {
    }
}

package vn.danvan.unit.reorganization;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A recorded change of the tree (merge, split, move, rename, dissolve) with its date and decision. */
@Entity
@Table(name = "reorganization")
public class Reorganization {
    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ReorganizationType type;

    @Column(name = "effective_date", nullable = false)
    private LocalDate effectiveDate;

    @Column(name = "decision_ref")
    private String decisionRef;

    /** The request as received (JSON), for the audit trail. */
    @ColumnTransformer(write = "?::jsonb")
    @Column(nullable = false, columnDefinition = "jsonb")
    private String request;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "result_unit_ids", nullable = false, columnDefinition = "jsonb")
    private List<UUID> resultUnitIds = new ArrayList<>();

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Reorganization() {
    }

    Reorganization(UUID id, ReorganizationRequest request, String requestJson, List<UUID> resultUnitIds, String actor) {
        this.id = id;
        this.type = request.type();
        this.effectiveDate = request.effectiveDate();
        this.decisionRef = request.decisionRef() == null || request.decisionRef().isBlank() ? null
                : request.decisionRef().strip();
        this.request = requestJson;
        this.resultUnitIds = new ArrayList<>(resultUnitIds);
        this.createdBy = actor;
        this.createdAt = Instant.now();
    }

    public UUID id() {
        return id;
    }

    public ReorganizationType type() {
        return type;
    }

    public LocalDate effectiveDate() {
        return effectiveDate;
    }

    public String decisionRef() {
        return decisionRef;
    }

    public List<UUID> resultUnitIds() {
        return List.copyOf(resultUnitIds);
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }
}

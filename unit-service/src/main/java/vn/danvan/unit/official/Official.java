package vn.danvan.unit.official;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import vn.danvan.common.text.VietnameseText;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A person holding a position in a unit for a time; a person may hold several positions over time. */
@Entity
@Table(name = "official")
public class Official {
    @Id
    private UUID id;

    @Column(name = "full_name", nullable = false)
    private String fullName;

    @Column(name = "name_folded", nullable = false)
    private String nameFolded;

    @Column(nullable = false)
    private String position;

    @Column(name = "unit_id", nullable = false)
    private UUID unitId;

    private String username;

    @Column(name = "valid_from", nullable = false)
    private LocalDate validFrom;

    @Column(name = "valid_to")
    private LocalDate validTo;

    @Column(nullable = false)
    private long version;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Official() {
    }

    Official(UUID id, OfficialRequest request, String actor) {
        this.id = id;
        this.createdBy = actor;
        this.createdAt = Instant.now();
        apply(request, actor);
        this.version = 0;
    }

    void apply(OfficialRequest request, String actor) {
        this.fullName = VietnameseText.normalize(request.fullName());
        this.nameFolded = VietnameseText.fold(request.fullName());
        this.position = VietnameseText.normalize(request.position());
        this.unitId = request.unitId();
        this.username = request.username() == null || request.username().isBlank() ? null : request.username().strip();
        this.validFrom = request.validFrom();
        this.validTo = request.validTo();
        this.version++;
        this.updatedBy = actor;
        this.updatedAt = Instant.now();
    }

    public UUID id() {
        return id;
    }

    public long version() {
        return version;
    }

    OfficialView view() {
        return new OfficialView(id, fullName, position, unitId, username, validFrom, validTo, version);
    }
}

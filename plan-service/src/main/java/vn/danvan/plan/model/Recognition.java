package vn.danvan.plan.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A model recognised at a level by a decision (quyết định công nhận). */
@Entity
@Table(name = "recognition")
public class Recognition {
    @Id
    private UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "model_id")
    private Model model;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RecognitionLevel level;

    @Column(name = "recognized_on", nullable = false)
    private LocalDate recognizedOn;

    @Column(name = "decision_ref", nullable = false)
    private String decisionRef;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Recognition() {
    }

    Recognition(UUID id, Model model, RecognitionLevel level, LocalDate recognizedOn, String decisionRef, String actor,
                Instant at) {
        this.id = id;
        this.model = model;
        this.level = level;
        this.recognizedOn = recognizedOn;
        this.decisionRef = decisionRef;
        this.createdBy = actor;
        this.createdAt = at;
    }

    public UUID id() {
        return id;
    }

    public RecognitionLevel level() {
        return level;
    }

    public LocalDate recognizedOn() {
        return recognizedOn;
    }

    public String decisionRef() {
        return decisionRef;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }
}

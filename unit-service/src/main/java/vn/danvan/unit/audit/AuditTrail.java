package vn.danvan.unit.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** Who changed what and when: one entry per change, written in the transaction of the change. */
@ApplicationScoped
public class AuditTrail {
    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, UUID subjectId, Object details) {
        try {
            em.createNativeQuery("INSERT INTO audit_entry (actor, action, subject_id, details) VALUES (?1, ?2, ?3, CAST(?4 AS jsonb))")
                    .setParameter(1, actor).setParameter(2, action).setParameter(3, subjectId)
                    .setParameter(4, json.writeValueAsString(details)).executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details of " + action + " cannot be written", e);
        }
    }
}

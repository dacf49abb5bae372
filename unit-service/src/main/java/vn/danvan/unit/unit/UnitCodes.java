package vn.danvan.unit.unit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import vn.danvan.common.web.ProblemException;

import java.util.List;
import java.util.UUID;

/** Administrative codes: a code belongs to one unit for ever (unique among living units, never reused). */
@ApplicationScoped
public class UnitCodes {
    @Inject
    EntityManager em;

    @SuppressWarnings("unchecked")
    public UUID owner(String code) {
        List<UUID> owners = em.createNativeQuery("SELECT unit_id FROM unit_code WHERE code = ?1")
                .setParameter(1, code).getResultList();
        return owners.isEmpty() ? null : owners.get(0);
    }

    /** Gives the code to the unit, or refuses (422 on {@code field}) when another unit has ever carried it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void claim(String code, UUID unitId, String field) {
        if (code == null) {
            return;
        }
        UUID owner = owner(code);
        if (owner != null && !owner.equals(unitId)) {
            throw ProblemException.unprocessable(field, "code " + code + " belongs to unit " + owner
                    + " (a code is never shared nor reused)");
        }
        if (owner == null) {
            em.flush(); // the unit row must exist before its code refers to it
            em.createNativeQuery("INSERT INTO unit_code (code, unit_id) VALUES (?1, ?2)")
                    .setParameter(1, code).setParameter(2, unitId).executeUpdate();
        }
    }

    /** Refuses a code already given to another unit, before anything is written. */
    public void requireFree(String code, UUID unitId, String field) {
        if (code == null) {
            return;
        }
        UUID owner = owner(code);
        if (owner != null && !owner.equals(unitId)) {
            throw ProblemException.unprocessable(field, "code " + code + " belongs to unit " + owner
                    + " (a code is never shared nor reused)");
        }
    }
}

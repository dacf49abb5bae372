package vn.danvan.unit.unit;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.UUID;

@ApplicationScoped
public class UnitRepository implements PanacheRepositoryBase<Unit, UUID> {

    /** Whether another unit that exists on the date already carries the code (codes are never shared). */
    public boolean codeTaken(String code, LocalDate on) {
        return code != null && count("code = ?1 and validFrom <= ?2 and (validTo is null or validTo >= ?2)", code, on) > 0;
    }
}

package vn.danvan.plan.model;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import vn.danvan.common.web.Page;
import vn.danvan.common.web.PageRequest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class ModelRepository implements PanacheRepositoryBase<Model, UUID> {

    /** Models of the given units (null: all), field and registration year, newest registration first. */
    public Page<Model> find(List<UUID> unitIds, ModelField field, ModelOrigin origin, Integer year, PageRequest page) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (unitIds != null) {
            where.add("unitId in :units");
            params.put("units", unitIds);
        }
        if (field != null) {
            where.add("field = :field");
            params.put("field", field);
        }
        if (origin != null) {
            where.add("origin = :origin");
            params.put("origin", origin);
        }
        if (year != null) {
            where.add("registeredOn >= :from and registeredOn <= :to");
            params.put("from", LocalDate.of(year, 1, 1));
            params.put("to", LocalDate.of(year, 12, 31));
        }
        String query = where.isEmpty() ? "" : String.join(" and ", where);
        PanacheQuery<Model> found = find(query, Sort.descending("registeredOn").and("id"), params);
        return new Page<>(found.page(page.page(), page.size()).list(), found.count());
    }
}

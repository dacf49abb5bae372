package vn.danvan.plan.plan;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import vn.danvan.common.sql.SqlArrays;
import vn.danvan.common.web.Page;
import vn.danvan.common.web.PageRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class PlanRepository implements PanacheRepositoryBase<Plan, UUID> {

    /** Plans where one of the units is owner or partner, whose term covers the year, in the status; newest first. */
    @SuppressWarnings("unchecked")
    public Page<Plan> find(List<UUID> unitIds, Integer year, PlanStatus status, PageRequest page) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (unitIds != null) {
            where.add("(owner_unit_id = ANY(CAST(:units AS uuid[])) OR EXISTS (SELECT 1 FROM jsonb_array_elements_text("
                    + "partner_unit_ids) partner WHERE CAST(partner AS uuid) = ANY(CAST(:units AS uuid[]))))");
            params.put("units", SqlArrays.literal(unitIds));
        }
        if (year != null) {
            where.add("start_date <= make_date(:year, 12, 31) AND end_date >= make_date(:year, 1, 1)");
            params.put("year", year);
        }
        if (status != null) {
            where.add("status = :status");
            params.put("status", status.name());
        }
        String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        Query count = getEntityManager().createNativeQuery("SELECT count(*) FROM plan" + filter);
        Query select = getEntityManager().createNativeQuery("SELECT * FROM plan" + filter
                + " ORDER BY start_date DESC, id LIMIT :limit OFFSET :offset", Plan.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            select.setParameter(k, v);
        });
        select.setParameter("limit", page.size()).setParameter("offset", page.offset());
        return new Page<>(select.getResultList(), ((Number) count.getSingleResult()).longValue());
    }
}

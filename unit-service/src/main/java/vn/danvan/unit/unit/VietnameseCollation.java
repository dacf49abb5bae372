package vn.danvan.unit.unit;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import vn.danvan.common.text.VietnameseText;

import java.util.List;

/**
 * Vietnamese order for names: the database's ICU collation "vi-x-icu" when the server has ICU (the embedded
 * PostgreSQL and the usual server packages do), else a Java sort with the JDK's Vietnamese collator.
 */
@ApplicationScoped
public class VietnameseCollation {
    private static final Logger LOG = Logger.getLogger(VietnameseCollation.class);

    @Inject
    EntityManager em;

    private volatile boolean available;

    @Transactional
    void detect(@Observes StartupEvent startup) {
        available = ((Number) em.createNativeQuery("SELECT count(*) FROM pg_collation WHERE collname = 'vi-x-icu'")
                .getSingleResult()).longValue() > 0;
        if (!available) {
            LOG.warn("PostgreSQL has no ICU collation vi-x-icu: names are sorted in Java");
        }
    }

    public boolean available() {
        return available;
    }

    public String orderBy(String column) {
        return available ? column + " COLLATE \"vi-x-icu\"" : column;
    }

    public List<UnitView> sorted(List<UnitView> views) {
        if (available) {
            return views;
        }
        return views.stream().sorted(UnitRepository.byName(VietnameseText.collation())).toList();
    }
}

package vn.danvan.reporting.period;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.danvan.common.web.ProblemException;

/** Parses the {@code period} query parameter with the installation's reporting cycle (danvan.reports.cycle-start-day). */
@ApplicationScoped
public class Periods {
    @ConfigProperty(name = "danvan.reports.cycle-start-day", defaultValue = "1")
    int cycleStartDay;

    public Period parse(String text) {
        try {
            return Period.parse(text, cycleStartDay);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("period", e.getMessage());
        }
    }
}

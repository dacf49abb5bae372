package vn.danvan.reporting.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import vn.danvan.reporting.activity.Activity;

import java.sql.Connection;
import java.sql.Statement;

/**
 * Committed projection changes of every replica, for live updates. {@link Activity} issues a PostgreSQL NOTIFY in
 * the projection's transaction, which PostgreSQL delivers only at commit and to every listening replica; this feed
 * LISTENs on one connection and rebroadcasts to the SSE clients of this replica.
 */
@ApplicationScoped
public class ChangeFeed {
    public static final String CHANNEL = "danvan_activity";
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    /** Changes held for one slow subscriber before it is let go (the dashboard then reconnects and reloads). */
    static final int BUFFER = 20_000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    private final BroadcastProcessor<Activity.Changed> changes = BroadcastProcessor.create();
    private volatile boolean running;
    private Thread listener;

    void start(@Observes StartupEvent startup) {
        running = true;
        listener = new Thread(this::listen, "change-feed");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    /**
     * The changes as they commit, for one subscriber. A burst (a replay catching up, hundreds of models a second) comes
     * faster than an SSE client reads: each subscriber gets its own buffer instead of being cut off by the broadcast.
     */
    public Multi<Activity.Changed> changes() {
        return changes.onOverflow().buffer(BUFFER);
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        changes.onNext(json.readValue(notification.getParameter(), Activity.Changed.class));
                    }
                }
            } catch (Exception e) {
                if (running) {
                    LOG.warnf("change feed lost its connection, listening again in 1 s: %s", e.getMessage());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}

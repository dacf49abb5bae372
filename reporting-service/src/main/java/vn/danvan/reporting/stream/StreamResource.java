package vn.danvan.reporting.stream;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import vn.danvan.common.security.Access;
import vn.danvan.common.security.Roles;
import vn.danvan.common.security.UnitScope;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-Sent Events: one {@code change} message per committed projection change of any replica (so dashboards
 * refresh live; see {@link ChangeFeed}) inside the caller's scope, and a {@code ping} every 20 seconds that keeps
 * proxies from closing an idle stream.
 */
@Path("/api/stream")
@ApplicationScoped
public class StreamResource {
    @Inject
    ChangeFeed feed;

    @Inject
    Access access;

    @Inject
    UnitScope scope;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Roles.ADMIN, Roles.EDITOR, Roles.VIEWER})
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        // Decided now, while the request (and its token) is there; applied to every change that follows.
        boolean everything = access.isAdmin();
        UUID root = access.root().orElse(null);
        Map<UUID, Boolean> inside = new ConcurrentHashMap<>();
        Multi<OutboundSseEvent> live = feed.changes()
                .filter(change -> everything || root != null && change.unitId() != null
                        && inside.computeIfAbsent(change.unitId(), unit -> scope.contains(root, unit)))
                .map(change -> sse.newEventBuilder().name("change")
                .id(change.eventId().toString()).mediaType(MediaType.APPLICATION_JSON_TYPE).data(change).build());
        Multi<OutboundSseEvent> pings = Multi.createFrom().ticks().every(Duration.ofSeconds(20))
                .map(tick -> sse.newEventBuilder().name("ping").data("{}").build());
        return Multi.createBy().merging().streams(live, pings);
    }
}

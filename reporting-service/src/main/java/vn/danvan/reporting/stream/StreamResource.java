package vn.danvan.reporting.stream;

import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import vn.danvan.reporting.activity.Activity;

import java.time.Duration;

/**
 * Server-Sent Events: one {@code change} message per committed projection change of any replica (so dashboards
 * refresh live; see {@link ChangeFeed}), and a
 * {@code ping} every 20 seconds that keeps proxies from closing an idle stream.
 */
@Path("/api/stream")
@ApplicationScoped
public class StreamResource {
    @Inject
    ChangeFeed feed;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        Multi<OutboundSseEvent> live = feed.changes().map(change -> sse.newEventBuilder().name("change")
                .id(change.eventId().toString()).mediaType(MediaType.APPLICATION_JSON_TYPE).data(change).build());
        Multi<OutboundSseEvent> pings = Multi.createFrom().ticks().every(Duration.ofSeconds(20))
                .map(tick -> sse.newEventBuilder().name("ping").data("{}").build());
        return Multi.createBy().merging().streams(live, pings);
    }
}

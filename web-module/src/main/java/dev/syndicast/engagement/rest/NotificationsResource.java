package dev.syndicast.engagement.rest;

import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.engagement.boundary.Notifications;
import dev.syndicast.engagement.entity.Notification;
import dev.syndicast.tenancy.rest.CallerContext;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The notifications of the external API v1: queue, token and publish notifications with summary counts. The reply
 * keeps {@code page} and {@code limit} beside {@code data} instead of under {@code meta}: that is the shape its
 * existing clients read.
 */
@Path("api/external/v1/notifications")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class NotificationsResource {

    /** The largest page of notifications. */
    static final int MAX_LIMIT = 100;

    @Inject
    Notifications notifications;

    @Inject
    CallerContext caller;

    public record NotificationView(UUID id, String kind, String severity, String title, String detail, String subjectType,
                                   String subjectId, Instant createdAt, Instant readAt) {
        static NotificationView of(Notification n) {
            return new NotificationView(n.getId(), n.getKind(), n.getSeverity(), n.getTitle(), n.getDetail(), n.getSubjectType(),
                    n.getSubjectId(), n.getCreatedAt(), n.getReadAt());
        }
    }

    public record Summary(Map<String, Long> total, Map<String, Long> unread) {
    }

    public record NotificationPage(List<NotificationView> data, Summary summary, int page, int limit) {
    }

    @GET
    @RequiresScope("notifications:read")
    @Operation(summary = "Notifications, newest first, with counts per severity; unread=true for unread ones only")
    public NotificationPage list(@QueryParam("unread") boolean unread, @QueryParam("page") Integer page,
                                 @QueryParam("limit") Integer limit) {
        PageRequest paging = PageRequest.of(page, limit, MAX_LIMIT);
        Notifications.Page result = notifications.list(caller.require().workspaceId(), unread, paging);
        return new NotificationPage(result.items().stream().map(NotificationView::of).toList(),
                new Summary(result.totalBySeverity(), result.unreadBySeverity()), paging.page(), paging.limit());
    }
}

package dev.syndicast.tenancy.rest;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.core.entity.TimeRange;
import dev.syndicast.core.rest.PageMeta;
import dev.syndicast.tenancy.boundary.AuditLog;
import dev.syndicast.tenancy.entity.AuditEntry;
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
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The workspace's audit log on the external API v1, with filters and pages ({@code page}, {@code limit}). */
@Path("api/external/v1/audit-logs")
@RequestScoped
@RequiresScope("audit-logs:read")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit-logs")
public class AuditLogsResource {

    @Inject
    AuditLog auditLog;

    @Inject
    CallerContext callerContext;

    public record EntryView(UUID id, String actorKind, UUID actorId, String actorName, String action, String target,
                            int status, String summary, String requestId, Instant createdAt) {
        static EntryView of(AuditEntry e) {
            return new EntryView(e.getId(), e.getActorKind().name().toLowerCase(Locale.ROOT), e.getActorId(),
                    e.getActorName(), e.getAction(), e.getTarget(), e.getStatus(), e.getSummary(), e.getRequestId(),
                    e.getCreatedAt());
        }
    }

    public record EntriesPage(List<EntryView> data, PageMeta meta) {
    }

    @GET
    @Operation(summary = "Read workspace audit logs. Filters: action (prefix, e.g. 'POST /api/external/v1/keys'), "
            + "actor_id, actor_kind (key|user), target, from, to (ISO-8601); pages: page (from 1), limit (max 200).")
    public EntriesPage list(@QueryParam("action") String action,
                            @QueryParam("actor_id") String actorId,
                            @QueryParam("actor_kind") String actorKind,
                            @QueryParam("target") String target,
                            @QueryParam("from") String from,
                            @QueryParam("to") String to,
                            @QueryParam("page") Integer page,
                            @QueryParam("limit") Integer limit) {
        PageRequest paging = PageRequest.of(page, limit, AuditLog.MAX_LIMIT);
        AuditLog.Filter filter = new AuditLog.Filter(blankToNull(action), uuid(actorId), kind(actorKind),
                blankToNull(target), instant(from, "from"), instant(to, "to"));
        AuditLog.Page result = auditLog.search(callerContext.require(), filter, paging);
        return new EntriesPage(result.entries().stream().map(EntryView::of).toList(), PageMeta.of(paging, result.total()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static UUID uuid(String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("actor_id must be a UUID");
        }
    }

    private static String kind(String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "key" -> "KEY";
            case "user" -> "USER";
            default -> throw new InvalidInputException("actor_kind must be key or user");
        };
    }

    private static Instant instant(String value, String name) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return TimeRange.require(Instant.parse(value.strip()), name);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name + " must be an ISO-8601 instant like 2026-01-31T12:00:00Z");
        }
    }
}

package dev.syndicast.tenancy.entity;

import dev.syndicast.core.entity.InvalidInputException;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The 23 scopes of the external API v1, with the descriptions the reference publishes. */
public enum Scope {

    ALL("*", "Full access to all external API capabilities."),
    POSTS_READ("posts:read", "Read post records and detail payloads."),
    POSTS_WRITE("posts:write", "Create, update, and delete posts."),
    POSTS_PUBLISH("posts:publish", "Trigger immediate publish_now jobs for posts."),
    ANALYTICS_READ("analytics:read", "Read analytics summaries and trend series."),
    SCHEDULE_READ("schedule:read", "Read scheduled jobs and queue state."),
    SCHEDULE_WRITE("schedule:write", "Reschedule existing publish jobs."),
    PLATFORMS_READ("platforms:read", "Read platform availability and config status."),
    CONNECTIONS_READ("connections:read", "Read connected account metadata."),
    CONNECTIONS_WRITE("connections:write", "Disconnect connected platform accounts."),
    AI_GENERATE("ai:generate", "Generate captions, images, and videos."),
    MEDIA_LIBRARY_READ("media-library:read", "List media library assets."),
    MEDIA_LIBRARY_WRITE("media-library:write", "Import and register media assets."),
    INBOX_READ("inbox:read", "Read social inbox events and summaries."),
    INBOX_WRITE("inbox:write", "Mark inbox events read/unread."),
    NOTIFICATIONS_READ("notifications:read", "Read operational notifications."),
    REVIEW_READ("review:read", "Read post review approvals and comments."),
    REVIEW_WRITE("review:write", "Request/review approvals and post comments."),
    WEBHOOKS_READ("webhooks:read", "Read outbound webhook endpoints and deliveries."),
    WEBHOOKS_WRITE("webhooks:write", "Create/update/delete outbound webhook endpoints."),
    SETTINGS_READ("settings:read", "Read profile and schedule settings."),
    SETTINGS_WRITE("settings:write", "Update profile and schedule settings."),
    AUDIT_LOGS_READ("audit-logs:read", "Read workspace audit logs.");

    private static final Map<String, Scope> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Scope::wire, Function.identity()));

    private final String wire;
    private final String description;

    Scope(String wire, String description) {
        this.wire = wire;
        this.description = description;
    }

    public String wire() {
        return wire;
    }

    public String description() {
        return description;
    }

    public static boolean isKnown(String name) {
        return BY_NAME.containsKey(name);
    }

    public static List<Scope> all() {
        return List.of(values());
    }

    /** @throws InvalidInputException naming every unknown scope, so the caller can fix them all at once */
    public static Set<String> requireKnown(Collection<String> names) {
        if (names == null || names.isEmpty()) {
            throw new InvalidInputException("scopes must name at least one scope; see GET /api/external/v1/reference");
        }
        Set<String> unknown = new TreeSet<>();
        Set<String> known = new TreeSet<>();
        for (String name : names) {
            if (name != null && isKnown(name)) {
                known.add(name);
            } else {
                unknown.add(String.valueOf(name));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("Unknown scope(s): " + String.join(", ", unknown)
                    + "; valid scopes are listed by GET /api/external/v1/reference");
        }
        return known;
    }
}

package dev.syndicast.posts.control;

import dev.syndicast.core.entity.TimeRange;
import dev.syndicast.platforms.control.PlatformRegistry;
import dev.syndicast.posts.entity.ContentRuleException.Violation;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a {@link PostRow} into a post draft, or refuses it naming the field that is wrong and why, in words a person
 * can act on. The CSV post import and the bulk create read posts alike through it, so both accept and refuse the
 * same things. Fields: {@code content} and {@code platforms} (separated by {@code ;} or {@code |}) required;
 * {@code scheduled_at} (ISO-8601 with an offset, in the future), {@code category}, {@code hashtags}, {@code tags},
 * {@code labels}, {@code account_ids} (one, or one per platform in the same order), {@code media_url},
 * {@code title}, {@code source_id}, {@code language} (a BCP 47 tag), {@code options} (a JSON object of platform names to
 * that platform's target options, like {@code {"reddit":{"subreddit":"videos"}}}), {@code campaign_id} (a campaign of the
 * workspace, checked by the posts boundary) optional. Platform limits and the
 * options' own rules are checked later by the posts boundary, which knows the accounts and media. A plain class, so the batch jobs' own tests can build one without a server.
 */
public final class PostRowParser {

    static final int MAX_CONTENT = 100_000;
    static final int MAX_SHORT = 300;
    /** The source system of every post read from a row. */
    public static final String SOURCE_SYSTEM = "csv-import";
    /** Compiled once: String.split compiles its pattern on every call, which showed in the import's profile. */
    private static final Pattern PER_PLATFORM = Pattern.compile("[;|]");
    private static final Pattern LIST = Pattern.compile("[,;|]");
    private static final Pattern HASHTAGS = Pattern.compile("[,;|\\s]+");

    private final PlatformRegistry platforms;
    private final Clock clock;

    public PostRowParser(PlatformRegistry platforms, Clock clock) {
        this.platforms = Objects.requireNonNull(platforms, "platforms");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A row's draft, or the first thing found wrong with it (its field is null when the row itself is malformed). */
    public record Parsed(PostDraft draft, Violation error) {

        public boolean ok() {
            return error == null;
        }
    }

    public Parsed parse(PostRow row) {
        try {
            return new Parsed(draft(row), null);
        } catch (Refused refused) {
            return new Parsed(null, refused.violation);
        }
    }

    private PostDraft draft(PostRow row) throws Refused {
        if (row.problem() != null) {
            throw new Refused(null, row.problem());
        }
        String content = row.field("content");
        if (content == null) {
            throw new Refused("content", "content is empty");
        }
        if (content.length() > MAX_CONTENT) {
            throw new Refused("content", "content has " + content.length() + " characters; at most " + MAX_CONTENT);
        }
        for (Map.Entry<String, String> field : row.fields().entrySet()) {
            if (field.getValue() != null && field.getValue().indexOf('\u0000') >= 0) {
                // PostgreSQL text cannot hold it, and no post means it.
                throw new Refused(field.getKey(), field.getKey() + " contains a NUL character");
            }
        }
        for (String name : List.of("content", "title", "category", "source_id", "media_url")) {
            String value = row.field(name);
            if (value != null && value.startsWith("=")) {
                // A spreadsheet would run it; nobody means a post to start with a formula.
                throw new Refused(name, name + " starts with '=' like a spreadsheet formula");
            }
        }
        for (String name : List.of("title", "category", "source_id")) {
            String value = row.field(name);
            if (value != null && value.length() > MAX_SHORT) {
                throw new Refused(name, name + " is longer than " + MAX_SHORT + " characters");
            }
        }
        List<String> platformNames = new ArrayList<>();
        for (String name : split(row.field("platforms"), PER_PLATFORM)) {
            String known = platforms.find(name).map(p -> p.name())
                    .orElseThrow(() -> new Refused("platforms", "Unsupported platform: " + name));
            if (!platformNames.contains(known)) {
                platformNames.add(known);
            }
        }
        if (platformNames.isEmpty()) {
            throw new Refused("platforms", "platforms is empty");
        }
        Instant scheduledAt = time(row.field("scheduled_at"));
        List<String> accounts = split(row.field("account_ids"), PER_PLATFORM);
        if (!accounts.isEmpty() && accounts.size() != 1 && accounts.size() != platformNames.size()) {
            throw new Refused("account_ids", "account_ids names " + accounts.size() + " accounts for " + platformNames.size()
                    + " platforms; give one, or one per platform in the same order");
        }
        Map<String, JsonObject> options = options(row.field("options"), platformNames);
        List<PostDraft.TargetDraft> targets = new ArrayList<>();
        for (int i = 0; i < platformNames.size(); i++) {
            String account = accounts.isEmpty() ? null : accounts.get(accounts.size() == 1 ? 0 : i);
            targets.add(new PostDraft.TargetDraft(platformNames.get(i), account, scheduledAt, null, null, null,
                    options.get(platformNames.get(i))));
        }
        String mediaUrl = row.field("media_url");
        List<PostMedia> media = mediaUrl == null ? List.of() : List.of(new PostMedia(mediaUrl, null, null, null));
        List<String> hashtags = split(row.field("hashtags"), HASHTAGS).stream().map(h -> h.startsWith("#") ? h : "#" + h).toList();
        return new PostDraft(content, row.field("title"), Map.of(), List.of(), media, hashtags,
                split(row.field("tags"), LIST), split(row.field("labels"), LIST), row.field("category"), null, null,
                scheduledAt == null ? "draft" : "scheduled", scheduledAt, targets, row.field("source_id"), SOURCE_SYSTEM, null,
                row.field("language"), row.field("campaign_id"));
    }

    /** Per platform of the row, its target options; a platform the row does not post to is a mistake, not ignored. */
    private Map<String, JsonObject> options(String value, List<String> platformNames) throws Refused {
        if (value == null) {
            return Map.of();
        }
        String example = " like {\"reddit\":{\"subreddit\":\"videos\"}}";
        JsonObject byPlatform;
        try {
            byPlatform = PostJson.object(value);
        } catch (JsonException | ClassCastException | IllegalStateException e) {
            throw new Refused("options", "options must be a JSON object of platform names to their options," + example);
        }
        if (byPlatform == null) {
            return Map.of();
        }
        Map<String, JsonObject> options = new HashMap<>();
        for (Map.Entry<String, JsonValue> entry : byPlatform.entrySet()) {
            String known = platforms.find(entry.getKey()).map(p -> p.name()).orElse(null);
            if (known == null || !platformNames.contains(known)) {
                throw new Refused("options", "options names " + entry.getKey() + ", which is not one of the row's platforms ("
                        + String.join(", ", platformNames) + ")");
            }
            if (!(entry.getValue() instanceof JsonObject platformOptions)) {
                throw new Refused("options", "options." + entry.getKey() + " must be a JSON object of option names to values,"
                        + example);
            }
            options.put(known, platformOptions);
        }
        return options;
    }

    private Instant time(String value) throws Refused {
        if (value == null) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new Refused("scheduled_at",
                    "scheduled_at must be an ISO-8601 date and time with an offset, like 2026-01-31T15:00:00Z: '" + value + "'");
        }
        if (!at.isAfter(clock.instant())) {
            throw new Refused("scheduled_at", "scheduled_at " + value + " is in the past");
        }
        if (!TimeRange.contains(at)) {
            // Past year 9999 PostgreSQL may still store it, but our replies could not be read back by clients.
            throw new Refused("scheduled_at", "scheduled_at must be between " + TimeRange.describe());
        }
        return at;
    }

    static List<String> split(String value, Pattern separators) {
        if (value == null) {
            return List.of();
        }
        Set<String> parts = new LinkedHashSet<>();
        Arrays.stream(separators.split(value)).map(String::strip).filter(s -> !s.isEmpty()).forEach(parts::add);
        return List.copyOf(parts);
    }

    /** What is wrong, thrown inside the parser only; no stack trace, since it is an answer and not a fault. */
    private static final class Refused extends Exception {

        private final transient Violation violation;

        Refused(String field, String message) {
            super(message, null, false, false);
            this.violation = new Violation(field, message);
        }
    }
}

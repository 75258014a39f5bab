package dev.syndicast.posts.batch;

import dev.syndicast.posts.control.PostImport;
import dev.syndicast.core.entity.TimeRange;
import dev.syndicast.platforms.control.PlatformRegistry;
import dev.syndicast.posts.control.PostDraft;
import dev.syndicast.posts.control.PostMedia;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a CSV row into a post draft, or rejects it with a reason a person can act on. Columns: {@code content}
 * and {@code platforms} (separated by {@code ;} or {@code |}) required; {@code scheduled_at} (ISO-8601 with an
 * offset, in the future), {@code category}, {@code hashtags}, {@code tags}, {@code labels}, {@code account_ids}
 * (one, or one per platform in the same order), {@code media_url}, {@code title}, {@code source_id} optional.
 * Platform limits are checked later by the posts boundary, which knows the accounts and media.
 */
@Named
@Dependent
public class PostRowProcessor implements ItemProcessor {

    static final int MAX_CONTENT = 100_000;
    static final int MAX_SHORT = 300;
    static final String SOURCE_SYSTEM = "csv-import";
    /** Compiled once: String.split compiles its pattern on every call, which showed in the import's profile. */
    private static final Pattern PER_PLATFORM = Pattern.compile("[;|]");
    private static final Pattern LIST = Pattern.compile("[,;|]");
    private static final Pattern HASHTAGS = Pattern.compile("[,;|\\s]+");

    @Inject
    PlatformRegistry platforms;

    @Inject
    Clock clock;

    @Override
    public Object processItem(Object item) throws RowRejectedException {
        CsvRow row = (CsvRow) item;
        String excerpt = excerpt(row);
        if (row.problem() != null) {
            throw new RowRejectedException(row.number(), excerpt, row.problem());
        }
        String content = row.cell("content");
        if (content == null) {
            throw new RowRejectedException(row.number(), excerpt, "content is empty");
        }
        if (content.length() > MAX_CONTENT) {
            throw new RowRejectedException(row.number(), excerpt, "content has " + content.length() + " characters; at most " + MAX_CONTENT);
        }
        for (Map.Entry<String, String> cell : row.cells().entrySet()) {
            if (cell.getValue() != null && cell.getValue().indexOf('\u0000') >= 0) {
                // PostgreSQL text cannot hold it, and no post means it.
                throw new RowRejectedException(row.number(), excerpt, cell.getKey() + " contains a NUL character");
            }
        }
        for (String column : List.of("content", "title", "category", "source_id", "media_url")) {
            String value = row.cell(column);
            if (value != null && value.startsWith("=")) {
                // A spreadsheet would run it; nobody means a post to start with a formula.
                throw new RowRejectedException(row.number(), excerpt, column + " starts with '=' like a spreadsheet formula");
            }
        }
        for (String column : List.of("title", "category", "source_id")) {
            String value = row.cell(column);
            if (value != null && value.length() > MAX_SHORT) {
                throw new RowRejectedException(row.number(), excerpt, column + " is longer than " + MAX_SHORT + " characters");
            }
        }
        List<String> platformNames = new ArrayList<>();
        for (String name : split(row.cell("platforms"), PER_PLATFORM)) {
            String known = platforms.find(name).map(p -> p.name())
                    .orElseThrow(() -> new RowRejectedException(row.number(), excerpt, "Unsupported platform: " + name));
            if (!platformNames.contains(known)) {
                platformNames.add(known);
            }
        }
        if (platformNames.isEmpty()) {
            throw new RowRejectedException(row.number(), excerpt, "platforms is empty");
        }
        Instant scheduledAt = time(row, excerpt);
        List<String> accounts = split(row.cell("account_ids"), PER_PLATFORM);
        if (!accounts.isEmpty() && accounts.size() != 1 && accounts.size() != platformNames.size()) {
            throw new RowRejectedException(row.number(), excerpt, "account_ids names " + accounts.size()
                    + " accounts for " + platformNames.size() + " platforms; give one, or one per platform in the same order");
        }
        List<PostDraft.TargetDraft> targets = new ArrayList<>();
        for (int i = 0; i < platformNames.size(); i++) {
            String account = accounts.isEmpty() ? null : accounts.get(accounts.size() == 1 ? 0 : i);
            targets.add(new PostDraft.TargetDraft(platformNames.get(i), account, scheduledAt, null, null, null));
        }
        String mediaUrl = row.cell("media_url");
        List<PostMedia> media = mediaUrl == null ? List.of() : List.of(new PostMedia(mediaUrl, null, null, null));
        List<String> hashtags = split(row.cell("hashtags"), HASHTAGS).stream().map(h -> h.startsWith("#") ? h : "#" + h).toList();
        PostDraft draft = new PostDraft(content, row.cell("title"), Map.of(), List.of(), media, hashtags,
                split(row.cell("tags"), LIST), split(row.cell("labels"), LIST), row.cell("category"), null, null,
                scheduledAt == null ? "draft" : "scheduled", scheduledAt, targets, row.cell("source_id"), SOURCE_SYSTEM, null);
        return new PostImport(row.number(), excerpt, draft);
    }

    private Instant time(CsvRow row, String excerpt) throws RowRejectedException {
        String value = row.cell("scheduled_at");
        if (value == null) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new RowRejectedException(row.number(), excerpt,
                    "scheduled_at must be an ISO-8601 date and time with an offset, like 2026-01-31T15:00:00Z: '" + value + "'");
        }
        if (!at.isAfter(clock.instant())) {
            throw new RowRejectedException(row.number(), excerpt, "scheduled_at " + value + " is in the past");
        }
        if (!TimeRange.contains(at)) {
            // Past year 9999 PostgreSQL may still store it, but our replies could not be read back by clients.
            throw new RowRejectedException(row.number(), excerpt, "scheduled_at must be between " + TimeRange.describe());
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

    /** What the error report shows of a row: the start of its content, never the whole 10 MB. */
    static String excerpt(CsvRow row) {
        String content = row.cells().getOrDefault("content", "");
        content = content == null ? "" : content.strip();
        return content.length() > 120 ? content.substring(0, 119) + "…" : content;
    }
}

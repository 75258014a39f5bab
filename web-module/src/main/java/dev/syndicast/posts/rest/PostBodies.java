package dev.syndicast.posts.rest;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.TimeRange;
import dev.syndicast.posts.control.ContentOverride;
import dev.syndicast.posts.control.PostDraft;
import dev.syndicast.posts.control.PostMedia;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request bodies of the posts routes. Classes with public fields, not records (Payara's OpenAPI scanner and
 * bean-validation annotations on records, payara/Payara#7649). Times are ISO-8601 strings parsed here so a bad one
 * gets the message its existing clients expect.
 */
public final class PostBodies {

    private PostBodies() {
    }

    public static class OverrideBody {
        @Size(max = 70_000)
        public String text;
        @Size(max = 500)
        public String title;
        @Size(max = 70_000)
        public String caption;
    }

    public static class MediaBody {
        @Size(max = 2000)
        public String url;
        @Size(max = 64)
        public String mediaId;
        @Size(max = 100)
        public String type;
        public Integer durationSeconds;

        /** The media entries as a draft takes them; {@code null} stays {@code null} (on a patch: unchanged). */
        public static List<PostMedia> toMedia(List<MediaBody> media) {
            return media == null ? null : media.stream().map(m -> new PostMedia(m.url, m.mediaId, m.type, m.durationSeconds)).toList();
        }
    }

    public static class TargetBody {
        @Size(max = 32)
        public String platform;
        @Size(max = 200)
        public String accountId;
        @Size(max = 64)
        public String scheduledAt;
        @Size(max = 70_000)
        public String text;
        @Size(max = 500)
        public String title;
        @Size(max = 70_000)
        public String caption;
        /** The platform's settings for this target (platforms.control.TargetOptions); checked with the post. */
        public JsonObject options;
    }

    /** Create (absent means empty) and patch (absent means unchanged). {@code scheduled_for} is an alias existing clients send. */
    public static class PostBody {
        @Size(max = 70_000)
        public String text;
        @Size(max = 500)
        public String title;
        @Valid
        public Map<String, OverrideBody> platformOverrides;
        @Size(max = 100)
        public List<@Size(max = 70_000) String> threadParts;
        @Valid
        @Size(max = 50)
        public List<MediaBody> media;
        @Size(max = 100)
        public List<@Size(max = 200) String> hashtags;
        @Size(max = 100)
        public List<@Size(max = 200) String> tags;
        @Size(max = 100)
        public List<@Size(max = 200) String> labels;
        @Size(max = 32)
        public String category;
        @Size(max = 500)
        public String folderPath;
        /** A free-text label, kept for existing clients; {@code campaign_id} links the post to a campaign. */
        @Size(max = 200)
        public String campaign;
        /** A campaign of the workspace (checked by the posts boundary: 422 naming campaign_id); "" unlinks on patch. */
        @Size(max = 64)
        public String campaignId;
        @Size(max = 32)
        public String status;
        @Size(max = 64)
        public String scheduledAt;
        @Size(max = 64)
        public String scheduledFor;
        @Valid
        @Size(max = 50)
        public List<TargetBody> targets;
        @Size(max = 200)
        public String sourceId;
        @Size(max = 200)
        public String sourceSystem;
        /** A BCP 47 tag (en, pt-BR); checked by the posts boundary (422 naming language); "" clears it on patch. */
        @Size(max = 100)
        public String language;

        PostDraft toDraft() {
            Map<String, ContentOverride> overrides = null;
            if (platformOverrides != null) {
                overrides = new LinkedHashMap<>();
                for (Map.Entry<String, OverrideBody> e : platformOverrides.entrySet()) {
                    OverrideBody o = e.getValue() == null ? new OverrideBody() : e.getValue();
                    overrides.put(e.getKey(), new ContentOverride(o.text, o.title, o.caption));
                }
            }
            List<PostMedia> mediaList = MediaBody.toMedia(media);
            List<PostDraft.TargetDraft> targetList = targets == null ? null : targets.stream()
                    .map(t -> new PostDraft.TargetDraft(t.platform, t.accountId, time(t.scheduledAt, "targets[].scheduled_at"),
                            t.text, t.title, t.caption, t.options)).toList();
            Instant at = time(scheduledAt != null ? scheduledAt : scheduledFor, "scheduled_at");
            return new PostDraft(text, title, overrides, threadParts, mediaList, hashtags, tags, labels, category, folderPath,
                    campaign, status, at, targetList, sourceId, sourceSystem, null, language, campaignId);
        }
    }

    /**
     * ISO-8601 with an offset or Z; the documented message when it is not one. A time outside {@link TimeRange} is
     * 422 with the range (a year like +294277 used to reach PostgreSQL and fail there as a 500).
     */
    public static Instant time(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field + " must be a valid ISO date string (got '" + clip(value) + "')");
        }
        return TimeRange.require(at, field);
    }

    private static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}

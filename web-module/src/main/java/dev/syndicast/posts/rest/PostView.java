package dev.syndicast.posts.rest;

import dev.syndicast.posts.boundary.Posts;
import dev.syndicast.posts.control.ContentOverride;
import dev.syndicast.posts.control.PostJson;
import dev.syndicast.posts.control.PostMedia;
import dev.syndicast.posts.entity.Post;
import dev.syndicast.posts.entity.PostContent;
import dev.syndicast.posts.entity.PostTarget;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A post on the wire: content, organisation, status, and each target with the platform's answer; as answered to a create
 * or an edit, also {@code warnings}: the scheduling rules its explicit times break (see {@link ScheduleWarningView}).
 */
@JsonbNillable
public record PostView(UUID id, String status, String text, String title, Map<String, ContentOverride> platformOverrides,
                       List<String> threadParts, List<PostMedia> media, List<String> hashtags, List<String> tags,
                       List<String> labels, String category, String folderPath, String campaign, UUID campaignId, String language, String sourceId,
                       String sourceSystem, String videoId, List<String> platforms, List<UUID> accountIds, Instant scheduledAt,
                       Instant publishedAt, String createdBy, Instant createdAt, Instant updatedAt, List<TargetView> targets,
                       @JsonbNillable(false) List<ScheduleWarningView> warnings) {

    @JsonbNillable
    public record TargetView(UUID id, String platform, UUID accountId, Instant scheduledAt, String status, String text,
                             String title, String caption, JsonObject options, String externalId, String platformUrl,
                             String error, Instant publishedAt) {

        static TargetView of(PostTarget t) {
            return new TargetView(t.getId(), t.getPlatform(), t.getAccountId(), t.getScheduledAt(), t.getStatus().wire(), t.getText(),
                    t.getTitle(), t.getCaption(), PostJson.object(t.getOptions()), t.getExternalId(), t.getExternalUrl(),
                    t.getLastError(), t.getPublishedAt());
        }
    }

    /** The post as it is; no {@code warnings} member. */
    public static PostView of(Post p) {
        return of(p, null);
    }

    /** The post as just written, with the scheduling rules its explicit times break ({@code warnings}, empty when none). */
    public static PostView of(Posts.Written written) {
        return of(written.post(), ScheduleWarningView.of(written.warnings()));
    }

    private static PostView of(Post p, List<ScheduleWarningView> warnings) {
        PostContent c = p.content();
        List<PostTarget> targets = p.getTargets();
        Instant next = targets.stream().filter(t -> !t.getStatus().isFinal()).map(PostTarget::getScheduledAt)
                .filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        return new PostView(p.getId(), p.getStatus().wire(), c.text(), c.title(), PostJson.overrides(c.platformOverridesJson()),
                PostJson.strings(c.threadPartsJson()), PostJson.media(c.mediaJson()), PostJson.strings(c.hashtagsJson()),
                PostJson.strings(c.tagsJson()), PostJson.strings(c.labelsJson()), c.category(), c.folderPath(), c.campaign(), p.getCampaignId(),
                c.language(), p.getSourceId(), p.getSourceSystem(), p.getVideoId(),
                targets.stream().map(PostTarget::getPlatform).distinct().toList(),
                targets.stream().map(PostTarget::getAccountId).distinct().toList(), next, p.getPublishedAt(), p.getCreatedBy(),
                p.getCreatedAt(), p.getUpdatedAt(), targets.stream().map(TargetView::of).toList(), warnings);
    }
}

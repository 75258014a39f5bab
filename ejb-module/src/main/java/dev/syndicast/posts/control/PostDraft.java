package dev.syndicast.posts.control;

import jakarta.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A post as a caller described it, for creating (absent parts are empty) or patching (absent parts, null, stay as
 * they are). {@code status} is "draft" or "scheduled"; {@code scheduledAt} is the time of targets that name none.
 * {@code language} is a BCP 47 tag as the caller gave it (the posts boundary checks it; blank clears it on patch).
 * {@code campaignId} names a campaign of the workspace as the caller gave it (checked by the posts boundary through
 * {@link CampaignLinks}; blank unlinks the post on patch).
 */
public record PostDraft(String text, String title, Map<String, ContentOverride> platformOverrides, List<String> threadParts,
                        List<PostMedia> media, List<String> hashtags, List<String> tags, List<String> labels, String category,
                        String folderPath, String campaign, String status, Instant scheduledAt, List<TargetDraft> targets,
                        String sourceId, String sourceSystem, String videoId, String language, String campaignId) {

    /** The same draft with other media (the library's facts filled in). */
    public PostDraft withMedia(List<PostMedia> newMedia) {
        return new PostDraft(text, title, platformOverrides, threadParts, newMedia, hashtags, tags, labels, category,
                folderPath, campaign, status, scheduledAt, targets, sourceId, sourceSystem, videoId, language, campaignId);
    }

    /** The same draft with other targets (a planner's placements). */
    public PostDraft withTargets(List<TargetDraft> newTargets) {
        return new PostDraft(text, title, platformOverrides, threadParts, media, hashtags, tags, labels, category,
                folderPath, campaign, status, scheduledAt, newTargets, sourceId, sourceSystem, videoId, language, campaignId);
    }

    /**
     * One target: platform, account (id or the platform's own account id; default account when absent), time, its own
     * text, and {@code options}, the platform's settings for it (see {@code platforms.control.TargetOptions}; null: none).
     */
    public record TargetDraft(String platform, String accountId, Instant scheduledAt, String text, String title, String caption,
                              JsonObject options) {

        public TargetDraft(String platform, String accountId, Instant scheduledAt, String text, String title, String caption) {
            this(platform, accountId, scheduledAt, text, title, caption, null);
        }
    }
}

package dev.syndicast.publishing.boundary;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.planning.entity.Placement;
import dev.syndicast.posts.boundary.Posts;
import dev.syndicast.posts.control.PostDraft;
import dev.syndicast.posts.control.PostDraft.TargetDraft;
import dev.syndicast.posts.control.PostMedia;
import dev.syndicast.posts.control.ScheduleWarning;
import dev.syndicast.posts.entity.Post;
import dev.syndicast.publishing.control.ExternalTargets;
import dev.syndicast.publishing.control.MediaIntake;
import dev.syndicast.publishing.control.MediaIntake.MediaRef;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The external scheduling API, in the wire shape its existing clients use: a video URL and its targets in, the video in the media library and one
 * scheduled post per target out. Names and accounts are checked before anything is downloaded; the download runs
 * outside any transaction, then the posts are created in one.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ExternalScheduling {

    private static final Logger LOG = Logger.getLogger(ExternalScheduling.class.getName());

    public static final int MAX_BULK_VIDEOS = 50;

    @EJB
    Posts posts;

    @Inject
    MediaIntake intake;

    @Inject
    ExternalTargets checks;

    @EJB
    SmartScheduling smart;

    public record Target(String platform, String accountId, Instant scheduledAt, String title, String caption, JsonObject options) {
    }

    public record Submission(String videoUrl, String title, String caption, List<String> hashtags, List<Target> targets,
                             String sourceId, String sourceSystem, String thumbnailUrl, String language) {
    }

    /** The post, its video, and the scheduling rules its explicit times break (empty: none). */
    public record Submitted(Post post, MediaRef media, List<ScheduleWarning> warnings) {
    }

    /**
     * One post with a target per entry at its explicit time, honoured as asked (the answer warns of the rules a time
     * breaks). A post refused after the video was imported (a caption too long for a platform, say) leaves no video
     * behind.
     */
    public Submitted submit(UUID workspaceId, String actor, Submission s) {
        if (s.targets() == null || s.targets().isEmpty()) {
            throw new InvalidInputException("targets must name at least one platform and account");
        }
        for (Target t : s.targets()) {
            precheck(workspaceId, t.platform(), t.accountId(), t.scheduledAt());
        }
        MediaRef media = intake.register(workspaceId, videoUri(s.videoUrl()));
        List<TargetDraft> targets = s.targets().stream()
                .map(t -> new TargetDraft(t.platform(), t.accountId(), t.scheduledAt(), null, t.title(), t.caption(), t.options())).toList();
        Posts.Written written = withdrawnOnFailure(workspaceId, media, () -> posts.createWithWarnings(workspaceId, actor,
                new PostDraft(s.caption(), s.title(), null, null,
                        List.of(new PostMedia(s.videoUrl(), media.mediaId().toString(), media.mimeType(), null)), s.hashtags(), null,
                        null, null, null, null, "scheduled", null, targets, s.sourceId(), s.sourceSystem(),
                        media.mediaId().toString(), s.language(), null)));
        return new Submitted(written.post(), media, written.warnings());
    }

    /**
     * A video for smart scheduling: one target per platform (canonical or alias names), at times the planner chooses
     * ({@link SmartScheduling}); {@code accounts} names the account of some platforms (Syndicast's or the platform's
     * own id; the others: the planner picks among the platform's active accounts).
     */
    public record SmartSubmission(String videoUrl, String title, String caption, List<String> hashtags, List<String> platforms,
                                  Map<String, String> accounts, Instant notBefore, Instant notAfter, String sourceId,
                                  String sourceSystem, String thumbnailUrl, String language) {
    }

    /** The post, its video, where each target went (in the request's order) and how the caller named each account. */
    public record SmartSubmitted(Post post, MediaRef media, List<Placement> placements, Map<String, String> accountRefs) {
    }

    /**
     * Like {@link #submit}, at planned times: the request is checked and planned before anything is downloaded (so a
     * request without a slot fails fast), the video is imported outside any transaction, then the targets are planned
     * again and written in one transaction that holds the accounts' locks (see {@link SmartScheduling#place}).
     */
    public SmartSubmitted smartSchedule(UUID workspaceId, String actor, SmartSubmission s) {
        SmartScheduling.Ask ask = smart.ask(workspaceId, s.platforms(), s.accounts(), s.notBefore(), s.notAfter(), s.videoUrl());
        smart.plan(workspaceId, ask);
        MediaRef media = intake.register(workspaceId, videoUri(s.videoUrl()));
        // A concurrent request may take the slots while the video downloads: the locked plan then answers 422, and the
        // video this request imported goes again.
        SmartScheduling.Placed placed = withdrawnOnFailure(workspaceId, media, () -> smart.place(workspaceId, actor, ask,
                new PostDraft(s.caption(), s.title(), null, null,
                        List.of(new PostMedia(s.videoUrl(), media.mediaId().toString(), media.mimeType(), null)), s.hashtags(), null,
                        null, null, null, null, "scheduled", null, null, s.sourceId(), s.sourceSystem(),
                        media.mediaId().toString(), s.language(), null)));
        return new SmartSubmitted(placed.post(), media, placed.placements(), ask.accountRefs());
    }

    /** Runs {@code write}; when it fails, the video imported for it leaves the library again ({@link MediaIntake#withdraw}). */
    private <T> T withdrawnOnFailure(UUID workspaceId, MediaRef media, Supplier<T> write) {
        try {
            return write.get();
        } catch (RuntimeException failed) {
            try {
                intake.withdraw(workspaceId, media);
            } catch (RuntimeException notWithdrawn) {
                failed.addSuppressed(notWithdrawn);
                LOG.log(Level.WARNING, "event=media_withdrawal_failed item=" + media.mediaId(), notWithdrawn);
            }
            throw failed;
        }
    }

    public record Bulk(List<String> videoUrls, String titleTemplate, String captionTemplate, List<String> hashtags, String platform,
                       String accountId, Instant startTime, Integer intervalMinutes, String sourceSystem, String language) {
    }

    /** The posts of one bulk request, in order, and the scheduling rules their times break (empty: none). */
    public record BulkScheduled(List<Post> posts, List<ScheduleWarning> warnings) {
    }

    /**
     * Posts of one bulk request, in order; {@code n} in the templates counts from 1. Each post is written in its own
     * transaction and held against the rules with the ones before it, so a warning names the post that breaks a rule.
     */
    public BulkScheduled bulkSchedule(UUID workspaceId, String actor, Bulk b) {
        if (b.videoUrls() == null || b.videoUrls().isEmpty()) {
            throw new InvalidInputException("video_urls must name at least one video");
        }
        if (b.videoUrls().size() > MAX_BULK_VIDEOS) {
            throw new InvalidInputException("Bulk schedule: Max " + MAX_BULK_VIDEOS + " videos per request (got "
                    + b.videoUrls().size() + ")");
        }
        if (b.startTime() == null) {
            throw new InvalidInputException("start_time is required (ISO-8601, e.g. 2026-01-31T15:00:00Z)");
        }
        int interval = b.intervalMinutes() == null ? 60 : b.intervalMinutes();
        if (interval < 0) {
            throw new InvalidInputException("interval_minutes must not be negative");
        }
        precheck(workspaceId, b.platform(), b.accountId(), b.startTime());
        List<MediaRef> media = new ArrayList<>();
        for (String url : b.videoUrls()) {
            media.add(intake.register(workspaceId, videoUri(url)));
        }
        List<Post> created = new ArrayList<>();
        List<ScheduleWarning> warnings = new ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
            int n = i + 1;
            Instant at = b.startTime().plus(Duration.ofMinutes((long) interval * i));
            MediaRef m = media.get(i);
            Posts.Written written = posts.createWithWarnings(workspaceId, actor, new PostDraft(fill(b.captionTemplate(), n),
                    fill(b.titleTemplate(), n), null, null,
                    List.of(new PostMedia(b.videoUrls().get(i), m.mediaId().toString(), m.mimeType(), null)),
                    b.hashtags(), null, null, null, null, null, "scheduled", at,
                    List.of(new TargetDraft(b.platform(), b.accountId(), at, null, null, null)), null, b.sourceSystem(),
                    m.mediaId().toString(), b.language(), null));
            created.add(written.post());
            warnings.addAll(written.warnings());
        }
        return new BulkScheduled(created, warnings);
    }

    public List<Post> status(UUID workspaceId, String sourceId) {
        List<Post> found = posts.bySource(workspaceId, sourceId);
        if (found.isEmpty()) {
            throw new NotFoundException("No posts with source_id " + sourceId);
        }
        return found;
    }

    private void precheck(UUID workspaceId, String platform, String accountId, Instant scheduledAt) {
        checks.account(workspaceId, checks.platform(platform), accountId);
        if (scheduledAt == null) {
            throw new InvalidInputException("scheduled_at is required for every target (ISO-8601, e.g. 2026-01-31T15:00:00Z)");
        }
    }

    private static URI videoUri(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidInputException("Failed to download video: video_url is required");
        }
        try {
            URI uri = new URI(url.strip());
            if (!uri.isAbsolute()) {
                throw new InvalidInputException("Failed to download video: video_url must be an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidInputException("Failed to download video: " + e.getMessage());
        }
    }

    private static String fill(String template, int n) {
        return template == null ? null : template.replace("{n}", Integer.toString(n));
    }
}

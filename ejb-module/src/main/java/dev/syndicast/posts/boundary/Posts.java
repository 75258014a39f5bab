package dev.syndicast.posts.boundary;

import dev.syndicast.accounts.entity.ConnectedAccount;
import dev.syndicast.core.entity.DomainException;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.media.boundary.MediaLibrary;
import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.platforms.control.PlatformRegistry;
import dev.syndicast.platforms.control.TargetOptions;
import dev.syndicast.platforms.control.YouTubeRules;
import dev.syndicast.platforms.entity.PlatformSpec;
import dev.syndicast.posts.control.CampaignLinks;
import dev.syndicast.posts.control.ContentOverride;
import dev.syndicast.posts.control.MediaReferences;
import dev.syndicast.posts.control.PlatformRules;
import dev.syndicast.posts.control.PostDraft;
import dev.syndicast.posts.control.PostDraft.TargetDraft;
import dev.syndicast.posts.control.PostInserts;
import dev.syndicast.posts.control.PostJson;
import dev.syndicast.posts.control.PostLanguage;
import dev.syndicast.posts.control.PostMedia;
import dev.syndicast.posts.control.PlatformMediaRules;
import dev.syndicast.posts.control.PostValidator;
import dev.syndicast.posts.control.RenderedPost;
import dev.syndicast.posts.control.ScheduleRules;
import dev.syndicast.posts.control.ScheduleWarning;
import dev.syndicast.posts.control.TargetAccounts;
import dev.syndicast.posts.control.TargetPublishing;
import dev.syndicast.posts.entity.ContentRuleException;
import dev.syndicast.posts.entity.ContentRuleException.Violation;
import dev.syndicast.posts.entity.Post;
import dev.syndicast.posts.entity.PostContent;
import dev.syndicast.posts.entity.PostStatus;
import dev.syndicast.posts.entity.PostTarget;
import dev.syndicast.posts.entity.TargetStatus;
import dev.syndicast.media.boundary.PublicMediaUrls;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The facade of posts: create, list, read, edit, cancel and publish now. Every change is validated against the
 * platform registry before anything is queued, and whoever publishes the targets is told of it in the same
 * transaction ({@link TargetPublishing}), so the publish jobs follow exactly the changes that commit.
 */
@Stateless
public class Posts {

    public static final int MAX_LIMIT = 200;
    private static final Set<String> CATEGORIES = Set.of("work", "personal", "ai", "sport", "sa", "other");

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PlatformRegistry platforms;

    @Inject
    TargetAccounts targetAccounts;

    @Inject
    MediaReferences mediaReferences;

    @Inject
    TargetPublishing publishing;

    @Inject
    ScheduleRules scheduleRules;

    /** Hands library media to platforms that fetch it by URL (see {@link #MEDIA_BY_URL}). */
    @Inject
    PublicMediaUrls publicMedia;

    /** Platforms that fetch media from a public URL of this installation instead of taking an upload. */
    static final Set<String> MEDIA_BY_URL = Set.of("threads", "instagram");
    /** Platforms that fetch images by URL but take videos as uploads (Facebook Pages: photos by url, video by the Resumable Upload API). */
    static final Set<String> IMAGES_BY_URL = Set.of("facebook");

    /** Platforms whose servers state their own limits (kept on the account when it connects). */
    static final Set<String> FEDERATED_LIMITS = Set.of("mastodon");

    /**
     * TikTok pulls photos by URL always, and videos too when the deployment's domain is verified with TikTok
     * ({@code syndicast.platforms.tiktok.pull-from-url}, see docs/platforms/tiktok.md); otherwise videos are uploaded.
     */
    private static final String TIKTOK = "tiktok";

    @Inject
    @ConfigProperty(name = "syndicast.platforms.tiktok.pull-from-url", defaultValue = "false")
    boolean tiktokPullFromUrl;

    @EJB
    MediaLibrary library;

    /** Whether a post may join a campaign: campaigns sit above posts and answer it. */
    @Inject
    CampaignLinks campaignLinks;

    public Post create(UUID workspaceId, String createdBy, PostDraft draft) {
        Post post = build(workspaceId, createdBy, draft, clock.instant(), targetAccounts.lookup(workspaceId),
                mediaReferences.lookup(workspaceId), new HashMap<>());
        em.persist(post);
        em.flush();
        publishing.targetsChanged(post);
        return post;
    }

    /** A post as written, with the scheduling rules its explicit times break (empty: none). */
    public record Written(Post post, List<ScheduleWarning> warnings) {
    }

    /**
     * {@link #create}, then the rules its scheduled targets break ({@link ScheduleRules}): explicit times are honoured
     * as asked, and the caller is warned.
     */
    public Written createWithWarnings(UUID workspaceId, String createdBy, PostDraft draft) {
        Post post = create(workspaceId, createdBy, draft);
        return new Written(post, scheduleRules.warnings(post));
    }

    /**
     * {@link #update}, then the rules its scheduled targets break when the patch touched the schedule (a time, the
     * targets or the status); a patch of the content alone warns of nothing.
     */
    public Written updateWithWarnings(UUID workspaceId, UUID id, PostDraft patch) {
        Post post = update(workspaceId, id, patch);
        boolean scheduleTouched = patch.scheduledAt() != null || patch.targets() != null || patch.status() != null;
        return new Written(post, scheduleTouched ? scheduleRules.warnings(post) : List.of());
    }

    /** A draft that became a post, or the reason it did not. */
    public record Drafted(Post post, String error) {
        public boolean ok() {
            return post != null;
        }
    }

    /**
     * Many posts at once, the CSV import's path: every draft is checked exactly as {@link #create} checks it (each
     * account looked up once for all of them), then the valid posts, their targets and their publish jobs are written
     * in one statement per table in the caller's transaction. A draft that fails its checks gets its reason and
     * writes nothing; with {@code validateOnly} nothing is written at all.
     *
     * @return one result per draft, in order
     */
    public List<Drafted> createAll(UUID workspaceId, String createdBy, List<PostDraft> drafts, boolean validateOnly) {
        Instant now = clock.instant();
        TargetAccounts.Lookup accounts = targetAccounts.remembering(workspaceId);
        MediaReferences.Lookup media = mediaReferences.remembering(workspaceId);
        Map<UUID, Optional<String>> campaigns = new HashMap<>();
        List<Drafted> results = new ArrayList<>(drafts.size());
        List<Post> valid = new ArrayList<>(drafts.size());
        for (PostDraft draft : drafts) {
            try {
                Post post = build(workspaceId, createdBy, draft, now, accounts, media, campaigns);
                valid.add(post);
                results.add(new Drafted(post, null));
            } catch (DomainException refused) {
                results.add(new Drafted(null, refused.getMessage()));
            }
        }
        if (!validateOnly) {
            PostInserts.write(em, valid);
            publishing.postsCreated(valid);
        }
        return results;
    }

    /**
     * A new post from a draft, checked against its platforms, accounts and the workspace's media (library items give
     * their own kind and duration); not yet stored.
     */
    private Post build(UUID workspaceId, String createdBy, PostDraft draft, Instant now, TargetAccounts.Lookup accounts,
                       MediaReferences.Lookup media, Map<UUID, Optional<String>> campaigns) {
        Post post = new Post(workspaceId, merge(null, withLibraryFacts(workspaceId, draft)), blankToNull(draft.sourceId()),
                blankToNull(draft.sourceSystem()),
                blankToNull(draft.videoId()), createdBy, now);
        List<TargetDraft> targets = draft.targets() == null ? List.of() : draft.targets();
        List<Violation> found = new ArrayList<>(MediaReferences.check(draft.media(), media));
        found.addAll(linkCampaign(post, draft.campaignId(), campaigns, now));
        validate(post, addTargets(post, targets, draft.scheduledAt(), accounts), found);
        String status = draft.status() == null ? (targets.isEmpty() ? "draft" : "scheduled") : draft.status();
        applyStatus(post, status, now);
        return post;
    }

    public record Page(List<Post> items, long total) {
    }

    public Page list(UUID workspaceId, String status, String folder, String tag, String sourceId, UUID campaignId,
                     PageRequest page) {
        StringBuilder where = new StringBuilder(" from Post p where p.workspaceId = :workspace");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("workspace", workspaceId);
        if (status != null && !status.isBlank()) {
            where.append(" and p.status = :status");
            parameters.put("status", parseStatus(status));
        }
        if (folder != null && !folder.isBlank()) {
            where.append(" and (p.folderPath = :folder or p.folderPath like :folderPrefix)");
            parameters.put("folder", folder.strip());
            parameters.put("folderPrefix", folder.strip().replaceAll("/+$", "") + "/%");
        }
        if (tag != null && !tag.isBlank()) {
            where.append(" and p.tags like :tag");
            parameters.put("tag", "%" + PostJson.strings(List.of(tag.strip())).replaceAll("^\\[|\\]$", "") + "%");
        }
        if (sourceId != null && !sourceId.isBlank()) {
            where.append(" and p.sourceId = :sourceId");
            parameters.put("sourceId", sourceId.strip());
        }
        if (campaignId != null) {
            where.append(" and p.campaignId = :campaign");
            parameters.put("campaign", campaignId);
        }
        TypedQuery<Post> items = em.createQuery("select p" + where + " order by p.createdAt desc, p.id", Post.class);
        TypedQuery<Long> count = em.createQuery("select count(p)" + where, Long.class);
        parameters.forEach((k, v) -> {
            items.setParameter(k, v);
            count.setParameter(k, v);
        });
        return new Page(items.setFirstResult(page.firstResult()).setMaxResults(page.limit()).getResultList(), count.getSingleResult());
    }

    /** How many of each campaign's posts are in each status (wire names), for the campaigns' roll-up. */
    public Map<UUID, Map<String, Long>> countsByCampaign(UUID workspaceId, Collection<UUID> campaignIds) {
        Map<UUID, Map<String, Long>> counts = new HashMap<>();
        if (campaignIds.isEmpty()) {
            return counts;
        }
        em.createQuery("select p.campaignId, p.status, count(p) from Post p where p.workspaceId = :workspace"
                        + " and p.campaignId in :campaigns group by p.campaignId, p.status", Object[].class)
                .setParameter("workspace", workspaceId).setParameter("campaigns", campaignIds)
                .getResultStream()
                .forEach(row -> counts.computeIfAbsent((UUID) row[0], c -> new HashMap<>()).put(((PostStatus) row[1]).wire(), (Long) row[2]));
        return counts;
    }

    /** A draft post of a campaign and its draft targets, in the order the post's targets are listed. */
    public record CampaignDraft(UUID postId, List<DraftTarget> targets) {
    }

    /** A draft target: where it goes and the time it has now (a draft may hold one). */
    public record DraftTarget(UUID id, String platform, UUID accountId, Instant scheduledAt) {
    }

    /** The campaign's draft posts ready to schedule, oldest first, and why each of the others is not ready. */
    public record CampaignDrafts(List<CampaignDraft> drafts, Map<UUID, String> problems) {
    }

    /**
     * The campaign's draft posts, oldest first, read without loading or locking them: what a campaign's run locks
     * accounts for before it locks the posts themselves ({@link #draftsToSchedule}).
     */
    public List<CampaignDraft> campaignDrafts(UUID workspaceId, UUID campaignId) {
        Map<UUID, List<DraftTarget>> drafts = new LinkedHashMap<>();
        em.createQuery("select p.id, t.id, t.platform, t.accountId, t.scheduledAt, t.status from Post p left join p.targets t"
                        + " where p.workspaceId = :workspace and p.campaignId = :campaign and p.status = :draft"
                        + " order by p.createdAt, p.id, t.position", Object[].class)
                .setParameter("workspace", workspaceId).setParameter("campaign", campaignId).setParameter("draft", PostStatus.DRAFT)
                .getResultStream()
                .forEach(row -> {
                    List<DraftTarget> targets = drafts.computeIfAbsent((UUID) row[0], p -> new ArrayList<>());
                    if (row[1] != null && row[5] == TargetStatus.DRAFT) {
                        targets.add(new DraftTarget((UUID) row[1], (String) row[2], (UUID) row[3], (Instant) row[4]));
                    }
                });
        List<CampaignDraft> list = new ArrayList<>();
        drafts.forEach((post, targets) -> list.add(new CampaignDraft(post, List.copyOf(targets))));
        return list;
    }

    /**
     * The campaign's draft posts among {@code ids} (as {@link #campaignDrafts} found them), oldest first, each checked
     * as a write would check it (platform rules, accounts, media): their draft targets now and, by post id, why a post
     * cannot be scheduled. With {@code lock} the posts are locked in id order and read afresh (a caller that locked their
     * accounts first and writes in this transaction); without it, nothing is locked.
     */
    public CampaignDrafts draftsToSchedule(UUID workspaceId, UUID campaignId, Collection<UUID> ids, boolean lock) {
        List<Post> found = List.of();
        if (!ids.isEmpty()) {
            TypedQuery<Post> query = em.createNamedQuery(Post.LOCK_BY_IDS, Post.class).setParameter("ids", ids);
            found = (lock ? query.setLockMode(LockModeType.PESSIMISTIC_WRITE) : query).getResultList();
        }
        List<Post> posts = found.stream().filter(p -> p.getWorkspaceId().equals(workspaceId) && campaignId.equals(p.getCampaignId())
                        && p.getStatus() == PostStatus.DRAFT)
                .sorted(Comparator.comparing(Post::getCreatedAt).thenComparing(p -> p.getId().toString())).toList();
        List<CampaignDraft> drafts = new ArrayList<>();
        Map<UUID, String> problems = new LinkedHashMap<>();
        for (Post post : posts) {
            drafts.add(new CampaignDraft(post.getId(), post.getTargets().stream().filter(t -> t.getStatus() == TargetStatus.DRAFT)
                    .map(t -> new DraftTarget(t.getId(), t.getPlatform(), t.getAccountId(), t.getScheduledAt())).toList()));
            try {
                validate(post, Map.of(), List.of());
            } catch (ContentRuleException broken) {
                problems.put(post.getId(), broken.getMessage());
            }
        }
        return new CampaignDrafts(drafts, problems);
    }

    /**
     * Schedules draft posts at the times a campaign's run planned for their targets ({@code times}: post id to target
     * id to time), each post whole, and queues their publish jobs, in the caller's transaction (which locked them).
     */
    public void scheduleAt(UUID workspaceId, Map<UUID, Map<UUID, Instant>> times) {
        Instant now = clock.instant();
        for (Map.Entry<UUID, Map<UUID, Instant>> entry : times.entrySet()) {
            Post post = lock(workspaceId, entry.getKey());
            post.scheduleAt(entry.getValue(), now);
            publishing.targetsChanged(post);
        }
    }

    public Post get(UUID workspaceId, UUID id) {
        return em.createNamedQuery(Post.FIND_IN_WORKSPACE, Post.class).setParameter("id", id).setParameter("workspace", workspaceId)
                .getResultStream().findFirst().orElseThrow(() -> new NotFoundException("Post not found: " + id));
    }

    public List<Post> bySource(UUID workspaceId, String sourceId) {
        return em.createNamedQuery(Post.FIND_BY_SOURCE, Post.class).setParameter("workspace", workspaceId)
                .setParameter("sourceId", sourceId).getResultList();
    }

    /**
     * Edits a post that has not started publishing. A new time or new targets move or cancel the queued jobs in the
     * same transaction, so the old schedule is gone the moment this returns.
     */
    public Post update(UUID workspaceId, UUID id, PostDraft patch) {
        Instant now = clock.instant();
        Post post = lock(workspaceId, id);
        post.edit(merge(post.content(), withLibraryFacts(workspaceId, patch)), now);
        Map<UUID, ConnectedAccount> resolved = Map.of();
        if (patch.targets() != null) {
            post.clearOpenTargets();
            em.flush();
            resolved = addTargets(post, patch.targets(), patch.scheduledAt(), targetAccounts.lookup(workspaceId));
        } else if (patch.scheduledAt() != null) {
            post.rescheduleOpenTargets(patch.scheduledAt());
        }
        List<Violation> found = new ArrayList<>(patch.media() == null ? List.of()
                : MediaReferences.check(patch.media(), mediaReferences.lookup(workspaceId)));
        found.addAll(linkCampaign(post, patch.campaignId(), new HashMap<>(), now));
        validate(post, resolved, found);
        if (patch.status() != null) {
            applyStatus(post, patch.status(), now);
        } else if (post.getStatus() == PostStatus.SCHEDULED) {
            post.schedule(now);
        }
        post.settle(now);
        em.flush();
        publishing.targetsChanged(post);
        return post;
    }

    /** Deleting cancels the post and its queued jobs; the record stays. */
    public Post delete(UUID workspaceId, UUID id) {
        Post post = lock(workspaceId, id);
        post.cancel(clock.instant());
        publishing.targetsChanged(post);
        return post;
    }

    /** Moves every waiting target to now; the dispatcher hands them over within a second. */
    public Post publishNow(UUID workspaceId, UUID id) {
        Instant now = clock.instant();
        Post post = lock(workspaceId, id);
        post.publishNow(now);
        validate(post, Map.of(), List.of());
        publishing.targetsChanged(post);
        return post;
    }

    private Post lock(UUID workspaceId, UUID id) {
        Post post = em.find(Post.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (post == null || !post.getWorkspaceId().equals(workspaceId)) {
            throw new NotFoundException("Post not found: " + id);
        }
        return post;
    }

    private void applyStatus(Post post, String status, Instant now) {
        switch (status.strip().toLowerCase(Locale.ROOT)) {
            case "draft" -> post.unschedule(now);
            case "scheduled" -> post.schedule(now);
            default -> throw new InvalidInputException("status must be draft or scheduled on create and edit (got '" + status
                    + "'); other statuses follow from publishing, and DELETE cancels");
        }
    }

    /**
     * Links the post to the campaign the caller named ({@code null}: as it is; blank: to none), or answers why it may
     * not join it ({@code campaign_id} of another workspace, unknown or archived), so nothing is written. {@code known}
     * remembers each campaign's answer for the other posts of the same request.
     */
    private List<Violation> linkCampaign(Post post, String reference, Map<UUID, Optional<String>> known, Instant now) {
        if (reference == null) {
            return List.of();
        }
        if (reference.isBlank()) {
            post.linkToCampaign(null, now);
            return List.of();
        }
        UUID campaign;
        try {
            campaign = UUID.fromString(reference.strip());
        } catch (IllegalArgumentException notAnId) {
            return List.of(new Violation("campaign_id", "campaign_id must be the id of a campaign of this workspace (got '"
                    + (reference.length() > 40 ? reference.substring(0, 40) + "..." : reference) + "')"));
        }
        Optional<String> refusal = known.computeIfAbsent(campaign, c -> campaignLinks.refusal(post.getWorkspaceId(), c));
        if (refusal.isPresent()) {
            return List.of(new Violation("campaign_id", refusal.get()));
        }
        post.linkToCampaign(campaign, now);
        return List.of();
    }

    /** Adds the targets; answers the accounts they were resolved to, by id. */
    private Map<UUID, ConnectedAccount> addTargets(Post post, List<TargetDraft> targets, Instant defaultTime,
                                                   TargetAccounts.Lookup accounts) {
        Map<UUID, ConnectedAccount> resolved = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            TargetDraft t = targets.get(i);
            PlatformSpec spec = platforms.named(t.platform());
            ConnectedAccount account = accounts.find(spec.name(), t.accountId())
                    .orElseThrow(() -> new InvalidInputException("Invalid account_id: " + (t.accountId() == null
                            ? "no default " + spec.name() + " account" : t.accountId())
                            + " (account not found or inactive; see GET /api/external/accounts)"));
            Instant at = t.scheduledAt() != null ? t.scheduledAt() : defaultTime;
            post.addTarget(spec.name(), account.getId(), at, blankToNull(t.text()), blankToNull(t.title()), blankToNull(t.caption()),
                    t.options() == null || t.options().isEmpty() ? null : t.options().toString());
            resolved.put(account.getId(), account);
        }
        return resolved;
    }

    /**
     * Every open target against its platform's rules and connector; all problems at once, {@code found} (problems the
     * caller found already, such as media of another workspace) first. {@code known} are accounts already at hand by
     * id (an import checks thousands of targets of the same few accounts); others are read.
     */
    private void validate(Post post, Map<UUID, ConnectedAccount> known, List<Violation> found) {
        List<Violation> violations = new ArrayList<>(found);
        String category = post.content().category();
        if (category != null && !CATEGORIES.contains(category)) {
            violations.add(new Violation("category", "category must be one of " + String.join(", ", CATEGORIES.stream().sorted().toList())));
        }
        PostLanguage.check(post.content().language(), "language").ifPresent(violations::add);
        List<PostTarget> targets = post.getTargets();
        for (int i = 0; i < targets.size(); i++) {
            PostTarget target = targets.get(i);
            if (target.getStatus().isFinal()) {
                continue;
            }
            String field = "targets[" + i + "]";
            PlatformSpec spec = platforms.get(target.getPlatform());
            ConnectedAccount account = known.containsKey(target.getAccountId()) ? known.get(target.getAccountId())
                    : em.find(ConnectedAccount.class, target.getAccountId());
            if (!publishing.canPublish(spec.name(), account == null ? null : account.getServiceUrl())) {
                violations.add(new Violation(field + ".platform", spec.name() + ": publishing is not wired for this platform yet"
                        + " (connect a sandbox-backed account to try it)"));
            }
            RenderedPost rendered = RenderedPost.of(post.content(), spec.name(),
                    new ContentOverride(target.getText(), target.getTitle(), target.getCaption()));
            if ((rendered.text() == null || rendered.text().isBlank()) && rendered.media().isEmpty()) {
                violations.add(new Violation(field + ".text", spec.name() + ": the post has neither text nor media"));
            }
            violations.addAll(PostValidator.check(serverRules(spec, account), rendered, field));
            JsonObject options = PostJson.object(target.getOptions());
            violations.addAll(PostValidator.checkOptions(spec.name(), rendered, options, field));
            TargetOptions.problems(spec.name(), options)
                    .forEach(problem -> violations.add(new Violation(field + ".options", spec.name() + ": options." + problem)));
            violations.addAll(PlatformRules.check(spec.name(), rendered, options, field));
            String serviceUrl = account == null ? null : account.getServiceUrl();
            if (!rendered.media().isEmpty() && publishing.uploadsMediaFiles(spec.name(), serviceUrl)) {
                for (int m = 0; m < rendered.media().size(); m++) {
                    if (rendered.media().get(m).mediaId() == null) {
                        violations.add(new Violation(field + ".media[" + m + "]", spec.name() + " takes the file itself: media "
                                + (m + 1) + " is not an item of the media library (upload or import it first, then name it by"
                                + " media_id, or by its storage_path as the url)"));
                    }
                }
            }
            boolean byUrlMatters = !publicMedia.available() && publishing.reachesThePlatform(spec.name(), serviceUrl);
            if ((MEDIA_BY_URL.contains(spec.name()) || IMAGES_BY_URL.contains(spec.name())) && byUrlMatters
                    && rendered.media().stream().anyMatch(m -> m.mediaId() != null
                    && (MEDIA_BY_URL.contains(spec.name()) || !m.isVideo()))) {
                violations.add(new Violation(field + ".media", spec.name() + " fetches " + (MEDIA_BY_URL.contains(spec.name())
                        ? "media" : "photos") + " by URL: set syndicast.public-url"
                        + " (the externally reachable base of this installation) to post library media there"));
            }
            if (TIKTOK.equals(spec.name()) && byUrlMatters && rendered.media().stream().anyMatch(m -> m.mediaId() != null
                    && (tiktokPullFromUrl || PostValidator.isPhoto(m)))) {
                violations.add(new Violation(field + ".media", "tiktok fetches " + (tiktokPullFromUrl ? "media" : "photos")
                        + " by URL: set syndicast.public-url (the externally reachable base of this installation, its domain"
                        + " verified with TikTok) to post library " + (tiktokPullFromUrl ? "media" : "photos") + " there"));
            }
            violations.addAll(oversizedMedia(post.getWorkspaceId(), spec, rendered.media(), field));
            if (PlatformMediaRules.applies(spec.name())) {
                violations.addAll(PlatformMediaRules.check(spec.name(), rendered, mediaFacts(post.getWorkspaceId(), rendered.media()),
                        PostJson.object(target.getOptions()), field));
            }
            if (YouTubeRules.PLATFORM.equals(spec.name())) {
                violations.addAll(youTubeRules(post.getWorkspaceId(), rendered, PostJson.object(target.getOptions()), field));
            }
        }
        if (!violations.isEmpty()) {
            throw new ContentRuleException(violations);
        }
    }

    /**
     * The platform's rules as the account's own server states them: a Mastodon instance says its character limit and
     * attachment count (read when the account connected); without that, the platform's defaults.
     */
    private static PlatformSpec serverRules(PlatformSpec spec, ConnectedAccount account) {
        if (account == null || !FEDERATED_LIMITS.contains(spec.name())) {
            return spec;
        }
        return account.instanceLimits().map(l -> spec.withServerLimits(l.maxCharacters(), l.maxMediaAttachments())).orElse(spec);
    }

    /**
     * Media given by library id, or by a URL naming a library item (its storage path or media-library route; the id is
     * added), take their kind and duration from the library's own probe, not from the caller's {@code type} (or its
     * absence, which used to count a video as an image). Ids that name no item of this workspace are left as given.
     */
    private PostDraft withLibraryFacts(UUID workspaceId, PostDraft draft) {
        if (draft.media() == null || draft.media().isEmpty()) {
            return draft;
        }
        List<PostMedia> media = new ArrayList<>(draft.media().size());
        for (PostMedia m : draft.media()) {
            PostMedia named = m.mediaId() != null ? m : mediaReferences.itemOf(workspaceId, m.url())
                    .map(id -> new PostMedia(m.url(), id.toString(), m.type(), m.durationSeconds())).orElse(m);
            Optional<MediaItem> item = libraryId(named.mediaId()).flatMap(id -> library.lookup(workspaceId, id));
            media.add(item.map(i -> named.withLibraryFacts(i.getMimeType(), i.facts().durationSeconds())).orElse(named));
        }
        return draft.withMedia(media);
    }

    /** What the media library knows of each reference (type and probed pixel size), for {@link PlatformMediaRules}. */
    private List<PlatformMediaRules.Facts> mediaFacts(UUID workspaceId, List<PostMedia> media) {
        List<PlatformMediaRules.Facts> facts = new ArrayList<>(media.size());
        for (PostMedia m : media) {
            Optional<MediaItem> item = libraryId(m.mediaId()).flatMap(id -> library.lookup(workspaceId, id));
            facts.add(item.map(i -> new PlatformMediaRules.Facts(true, i.getMimeType(), i.facts().width(), i.facts().height()))
                    .orElseGet(() -> new PlatformMediaRules.Facts(false, m.type(), null, null)));
        }
        return facts;
    }

    /**
     * Library media larger than the platform takes (Bluesky's PDS refuses an image blob over 1,000,000 bytes), by the
     * library's own byte count; media given only by URL have no known size here.
     */
    private List<Violation> oversizedMedia(UUID workspaceId, PlatformSpec spec, List<PostMedia> media, String field) {
        List<Violation> found = new ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
            PostMedia m = media.get(i);
            long limit = m.isVideo() ? spec.media().maxVideoBytes() : spec.media().maxImageBytes();
            if (limit <= 0) {
                continue;
            }
            Long size = libraryId(m.mediaId()).flatMap(id -> library.lookup(workspaceId, id)).map(MediaItem::getSizeBytes).orElse(null);
            if (size != null && size > limit) {
                found.add(new Violation(field + ".media[" + i + "].size", spec.name() + ": " + (m.isVideo() ? "video" : "image")
                        + " is " + size + " bytes; the limit is " + limit + " bytes"));
            }
        }
        return found;
    }

    /**
     * What YouTube needs beyond the registry's limits (platforms.control.YouTubeRules): one video, a title (the post's,
     * else the text's first line) and a description YouTube accepts, tags within 500 characters as it counts them, and
     * a {@code thumbnail_media_id} that names a JPEG or PNG image of the workspace's library.
     */
    private List<Violation> youTubeRules(UUID workspaceId, RenderedPost rendered, jakarta.json.JsonObject options, String field) {
        List<Violation> found = new ArrayList<>();
        String name = YouTubeRules.PLATFORM;
        if (rendered.media().stream().noneMatch(PostMedia::isVideo)) {
            found.add(new Violation(field + ".media", name + ": a YouTube post is one video; the post has none"));
        }
        YouTubeRules.problems(rendered.title(), rendered.text(), options)
                .forEach(p -> found.add(new Violation(field + "." + p.field(), name + ": " + p.message())));
        if (options != null && options.get("thumbnail_media_id") instanceof jakarta.json.JsonString thumbnail) {
            Optional<MediaItem> image = libraryId(thumbnail.getString()).flatMap(id -> library.lookup(workspaceId, id));
            if (image.isEmpty() || !YouTubeRules.THUMBNAIL_TYPES.contains(image.get().getMimeType())) {
                found.add(new Violation(field + ".options", name + ": options.thumbnail_media_id must name a JPEG or PNG"
                        + " image of this workspace's media library"));
            } else if (image.get().getSizeBytes() != null && image.get().getSizeBytes() > YouTubeRules.MAX_THUMBNAIL_BYTES) {
                found.add(new Violation(field + ".options", name + ": the thumbnail image is " + image.get().getSizeBytes()
                        + " bytes; the limit is " + YouTubeRules.MAX_THUMBNAIL_BYTES + " bytes"));
            }
        }
        return found;
    }

    private static Optional<UUID> libraryId(String mediaId) {
        try {
            return mediaId == null ? Optional.empty() : Optional.of(UUID.fromString(mediaId.strip()));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    private static PostContent merge(PostContent old, PostDraft d) {
        PostContent base = old != null ? old : new PostContent(null, null, null, null, null, null, null, null, null, null, null, null);
        return new PostContent(
                d.text() != null ? d.text() : base.text(),
                d.title() != null ? d.title() : base.title(),
                d.platformOverrides() != null ? PostJson.overrides(normalised(d.platformOverrides())) : base.platformOverridesJson(),
                d.threadParts() != null ? PostJson.strings(d.threadParts()) : base.threadPartsJson(),
                d.media() != null ? PostJson.media(d.media()) : base.mediaJson(),
                d.hashtags() != null ? PostJson.strings(d.hashtags()) : base.hashtagsJson(),
                d.tags() != null ? PostJson.strings(d.tags()) : base.tagsJson(),
                d.labels() != null ? PostJson.strings(d.labels()) : base.labelsJson(),
                d.category() != null ? blankToNull(d.category()) : base.category(),
                d.folderPath() != null ? blankToNull(d.folderPath()) : base.folderPath(),
                d.campaign() != null ? blankToNull(d.campaign()) : base.campaign(),
                d.language() != null ? PostLanguage.normalized(d.language()) : base.language());
    }

    private static Map<String, ContentOverride> normalised(Map<String, ContentOverride> overrides) {
        Map<String, ContentOverride> result = new LinkedHashMap<>();
        overrides.forEach((k, v) -> result.put(k.strip().toLowerCase(Locale.ROOT).equals("x") ? "twitter" : k.strip().toLowerCase(Locale.ROOT), v));
        return result;
    }

    private static PostStatus parseStatus(String status) {
        try {
            return PostStatus.fromWire(status);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Unknown status '" + status + "' (draft, scheduled, publishing, published, "
                    + "partially_published, failed, cancelled)");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

package dev.syndicast.publishing.boundary;

import dev.syndicast.analytics.control.BestTimesSource;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.planning.control.Planner;
import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.Placement;
import dev.syndicast.planning.entity.Plan;
import dev.syndicast.planning.entity.PlanRequest;
import dev.syndicast.planning.entity.PostingRules;
import dev.syndicast.planning.entity.Slot;
import dev.syndicast.planning.entity.SlotQuery;
import dev.syndicast.planning.entity.TargetRequest;
import dev.syndicast.platforms.control.PlatformRegistry;
import dev.syndicast.platforms.entity.PlatformSpec;
import dev.syndicast.posts.boundary.Posts;
import dev.syndicast.posts.control.PostDraft;
import dev.syndicast.posts.control.PostDraft.TargetDraft;
import dev.syndicast.posts.control.TargetAccounts;
import dev.syndicast.posts.entity.ContentRuleException;
import dev.syndicast.posts.entity.ContentRuleException.Violation;
import dev.syndicast.posts.entity.Post;
import dev.syndicast.publishing.control.AccountCalendars;
import dev.syndicast.publishing.control.ExternalTargets;
import dev.syndicast.tenancy.boundary.Settings;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Smart scheduling: decides when targets go out, with the planner ({@code planning.control.Planner}) over what this
 * boundary loads: the workspace's settings (time zone, posting windows, minimum gap), the platform registry's daily
 * caps, the workspace's accounts of the platforms asked for and every instant already taken on them
 * ({@link AccountCalendars}).
 *
 * <p>It lives in publishing, not planning, because it reads accounts and posts, which sit above planning; the planner
 * itself knows none of them. {@link #place} plans and writes the targets in one transaction that first locks the
 * accounts' rows in id order, so two requests at the same moment for one account are planned one after the other and
 * never take the same slot or overshoot a cap; requests for other accounts do not wait.
 */
@Stateless
public class SmartScheduling {

    /** The most slots one available-slot question may ask for. */
    public static final int MAX_SLOTS = 50;
    /** The most targets one smart batch places. */
    public static final int MAX_BATCH_TARGETS = 10_000;
    /** How many refused posts of a batch the 422 names, so that its answer stays readable. */
    static final int MAX_REFUSALS_NAMED = 20;

    private static final Logger LOG = Logger.getLogger(SmartScheduling.class.getName());

    @EJB
    Settings settings;

    @EJB
    Posts posts;

    @Inject
    PlatformRegistry platforms;

    @Inject
    ExternalTargets checks;

    @Inject
    TargetAccounts targetAccounts;

    @Inject
    AccountCalendars calendars;

    /** The best times the planner prefers: the same source as the best-time answers of analytics. */
    @Inject
    BestTimesSource bestTimes;

    @Inject
    Clock clock;

    /** How many days after not_before the planner looks for a slot before it gives up (422). */
    @Inject
    @ConfigProperty(name = "syndicast.planning.horizon-days", defaultValue = "30")
    int horizonDays;

    private final Planner planner = new Planner();

    /**
     * A checked request: canonical platform names in the caller's order, the account each names (absent: the planner
     * picks), the range as asked ({@code null}: from now, no end) and the video the targets belong to.
     */
    public record Ask(List<String> platforms, Map<String, UUID> accounts, Map<String, String> accountRefs, Instant notBefore,
                      Instant notAfter, String video) {

        /** How the caller named the platform's account ({@code null}: not named, the planner picked it). */
        public String accountRef(String platform) {
            return accountRefs.get(platform);
        }
    }

    /** The slots of a platform (its canonical name), earliest first. */
    public record Slots(String platform, List<Slot> slots) {
    }

    /** The post written and where each of its targets went, in the request's order. */
    public record Placed(Post post, List<Placement> placements) {
    }

    /** One post of a smart batch: its content (no targets), the platforms to place it on and the accounts some of them name. */
    public record BatchItem(PostDraft draft, List<String> platforms, Map<String, String> accounts) {
    }

    /** Where the server's time went, in nanoseconds: locking the accounts and reading what is taken, planning, writing. */
    public record Timings(long loadNanos, long planNanos, long writeNanos) {
    }

    /**
     * A smart batch placed: per item (in the request's order) the post written ({@code null} on a dry run) and where its
     * targets went, with the server's timings.
     */
    public record BatchPlaced(List<Post> posts, List<List<Placement>> placements, Timings timings) {
    }

    /** A plan and what it cost. */
    private record Planned(Plan plan, long loadNanos, long planNanos) {
    }

    /**
     * Checks a request before anything is downloaded: every platform known and named once (aliases count as their
     * platform), each named account the workspace's connected account of a platform asked for, not_after not before
     * not_before. 400 otherwise, with the messages of {@code submit}.
     */
    public Ask ask(UUID workspaceId, List<String> platformNames, Map<String, String> accountRefs, Instant notBefore,
                   Instant notAfter, String video) {
        if (platformNames == null || platformNames.isEmpty()) {
            throw new InvalidInputException("platforms must name at least one platform");
        }
        Set<String> canonical = new LinkedHashSet<>();
        for (String name : platformNames) {
            String platform = checks.platform(name).name();
            if (!canonical.add(platform)) {
                throw new InvalidInputException("platforms names " + platform + " twice (one target per platform)");
            }
        }
        Map<String, UUID> named = new LinkedHashMap<>();
        Map<String, String> refs = new LinkedHashMap<>();
        if (accountRefs != null) {
            for (Map.Entry<String, String> entry : accountRefs.entrySet()) {
                PlatformSpec spec = checks.platform(entry.getKey());
                if (!canonical.contains(spec.name())) {
                    throw new InvalidInputException("accounts names " + entry.getKey() + ", which is not in platforms");
                }
                if (named.put(spec.name(), checks.account(workspaceId, spec, entry.getValue()).getId()) != null) {
                    throw new InvalidInputException("accounts names " + spec.name() + " twice");
                }
                refs.put(spec.name(), entry.getValue());
            }
        }
        if (notBefore != null && notAfter != null && notAfter.isBefore(notBefore)) {
            throw new InvalidInputException("not_after must not be before not_before");
        }
        return new Ask(List.copyOf(canonical), named, refs, notBefore, notAfter, video);
    }

    /** Where the targets would go now, without locking or writing anything (422 naming the rule when they fit nowhere). */
    public Plan plan(UUID workspaceId, Ask ask) {
        return plan(workspaceId, List.of(ask), false).plan();
    }

    /**
     * Locks the accounts of the asked platforms (id order), plans the targets against everything committed on them and
     * creates the post with one scheduled target per platform at its planned time, all in this transaction: the locks
     * hold until the targets are committed. {@code draft} is the post without targets.
     */
    public Placed place(UUID workspaceId, String actor, Ask ask, PostDraft draft) {
        Plan plan = plan(workspaceId, List.of(ask), true).plan();
        return new Placed(posts.create(workspaceId, actor, draft.withTargets(targetsOf(plan.placements()))), plan.placements());
    }

    /**
     * Many posts placed together ({@code POST /schedule/smart-batch}), up to {@value #MAX_BATCH_TARGETS} targets: each item
     * checked as {@link #ask} checks one (400 naming the item), then in this one transaction the accounts of all their
     * platforms locked (id order), one plan for every target (so they spread over the accounts and days as a whole,
     * the platforms of one post staggered), and the posts, targets and publish jobs written in one statement per table.
     * A post its platforms refuse (text too long, say) refuses the batch: 422 naming each, nothing written. With
     * {@code dryRun} nothing is locked or written: the answer is where the targets would go now.
     */
    public BatchPlaced placeBatch(UUID workspaceId, String actor, List<BatchItem> items, Instant notBefore, Instant notAfter,
                                  boolean dryRun) {
        if (items == null || items.isEmpty()) {
            throw new InvalidInputException("posts must hold at least one post");
        }
        List<Ask> asks = new ArrayList<>(items.size());
        int targets = 0;
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = items.get(i);
            try {
                Ask ask = ask(workspaceId, item.platforms(), item.accounts(), notBefore, notAfter, "post " + i);
                asks.add(ask);
                targets += ask.platforms().size();
            } catch (InvalidInputException refused) {
                throw new InvalidInputException("posts[" + i + "]: " + refused.getMessage());
            }
        }
        if (targets > MAX_BATCH_TARGETS) {
            throw new InvalidInputException("A smart batch places at most " + MAX_BATCH_TARGETS + " targets (got " + targets + ")");
        }
        Planned planned = plan(workspaceId, asks, !dryRun);
        List<List<Placement>> perItem = new ArrayList<>(items.size());
        int next = 0;
        for (Ask ask : asks) {
            perItem.add(planned.plan().placements().subList(next, next + ask.platforms().size()));
            next += ask.platforms().size();
        }
        if (dryRun) {
            return new BatchPlaced(null, perItem, new Timings(planned.loadNanos(), planned.planNanos(), 0));
        }
        long writing = System.nanoTime();
        List<PostDraft> drafts = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            drafts.add(items.get(i).draft().withTargets(targetsOf(perItem.get(i))));
        }
        List<Posts.Drafted> written = posts.createAll(workspaceId, actor, drafts, false);
        List<Violation> refused = new ArrayList<>();
        for (int i = 0; i < written.size() && refused.size() < MAX_REFUSALS_NAMED; i++) {
            if (!written.get(i).ok()) {
                refused.add(new Violation("posts[" + i + "]", written.get(i).error()));
            }
        }
        if (!refused.isEmpty()) {
            // Thrown in this transaction: whatever createAll wrote for the valid posts is rolled back with it.
            throw new ContentRuleException(refused);
        }
        List<Post> created = written.stream().map(Posts.Drafted::post).toList();
        Timings timings = new Timings(planned.loadNanos(), planned.planNanos(), System.nanoTime() - writing);
        LOG.info(() -> "event=smart_batch_placed posts=" + created.size() + " targets=" + planned.plan().placements().size()
                + " load_ms=" + timings.loadNanos() / 1_000_000 + " plan_ms=" + timings.planNanos() / 1_000_000
                + " write_ms=" + timings.writeNanos() / 1_000_000);
        return new BatchPlaced(created, perItem, timings);
    }

    private static List<TargetDraft> targetsOf(List<Placement> placements) {
        List<TargetDraft> targets = new ArrayList<>(placements.size());
        for (Placement p : placements) {
            targets.add(new TargetDraft(p.target().platform(), p.accountId().toString(), p.at(), null, null, null));
        }
        return targets;
    }

    /**
     * The next {@code count} (1-{@value #MAX_SLOTS}, default 1) slots for a platform at or after {@code after}
     * (default and at the earliest: now), on the named account (Syndicast's or the platform's own id; 404 when the
     * workspace has no such connected account) or on any of the platform's active accounts.
     */
    public Slots availableSlots(UUID workspaceId, String platformName, String accountRef, Instant after, Integer count) {
        if (platformName == null || platformName.isBlank()) {
            throw new InvalidInputException("platform is required");
        }
        String platform = checks.platform(platformName).name();
        int n = count == null ? 1 : count;
        if (n < 1 || n > MAX_SLOTS) {
            throw new InvalidInputException("count must be 1-" + MAX_SLOTS);
        }
        UUID accountId = null;
        if (accountRef != null && !accountRef.isBlank()) {
            accountId = targetAccounts.resolve(workspaceId, platform, accountRef)
                    .orElseThrow(() -> new NotFoundException("Account not found: " + accountRef.strip())).getId();
        }
        Instant now = clock.instant();
        Instant from = after == null || after.isBefore(now) ? now : after;
        PostingRules rules = PostingRules.of(settings.of(workspaceId), platforms.all());
        List<AccountSchedule> accounts = calendars.of(workspaceId, Set.of(platform),
                accountId == null ? Set.of() : Set.of(accountId), lookBehind(from, rules), lookAhead(from, null, rules), false);
        return new Slots(platform, planner.availableSlots(rules, accounts, new SlotQuery(platform, accountId, from, n, horizonDays)));
    }

    /** What the planner plans on for a workspace: its rules, its accounts with their taken instants, and the horizon. */
    public record Ground(PostingRules rules, List<AccountSchedule> accounts, int horizonDays) {
    }

    /**
     * The ground for plans whose targets aim from {@code first} to {@code last} (a campaign's run): the workspace's
     * rules, its accounts of {@code platforms} plus the {@code named} ones with every instant taken on them early and
     * late enough for the caps and gaps of that range and the horizon after it. With {@code lock} the accounts are locked
     * in id order first, as {@link #place} does, for a caller that plans and writes its targets in this transaction.
     */
    public Ground ground(UUID workspaceId, Collection<String> platforms, Collection<UUID> named, Instant first, Instant last,
                         boolean lock) {
        PostingRules rules = PostingRules.of(settings.of(workspaceId), this.platforms.all());
        List<AccountSchedule> accounts = calendars.of(workspaceId, platforms, named, lookBehind(first, rules),
                lookAhead(last, null, rules), lock);
        return new Ground(rules, accounts, horizonDays);
    }

    /** One plan for the targets of all the asks (which share not_before and not_after), in their order. */
    private Planned plan(UUID workspaceId, List<Ask> asks, boolean lock) {
        Instant now = clock.instant();
        Ask first = asks.get(0);
        if (first.notAfter() != null && first.notAfter().isBefore(now)) {
            throw new InvalidInputException("not_after must not be in the past");
        }
        Instant from = first.notBefore() == null || first.notBefore().isBefore(now) ? now : first.notBefore();
        PostingRules rules = PostingRules.of(settings.of(workspaceId), platforms.all());
        Set<String> platformNames = new LinkedHashSet<>();
        Set<UUID> named = new LinkedHashSet<>();
        List<TargetRequest> targets = new ArrayList<>();
        for (Ask ask : asks) {
            platformNames.addAll(ask.platforms());
            named.addAll(ask.accounts().values());
            ask.platforms().forEach(p -> targets.add(new TargetRequest(p, ask.accounts().get(p), ask.video())));
        }
        long loading = System.nanoTime();
        List<AccountSchedule> accounts = calendars.of(workspaceId, platformNames, named, lookBehind(from, rules),
                lookAhead(from, first.notAfter(), rules), lock);
        long planning = System.nanoTime();
        Plan plan = planner.plan(rules, accounts, new PlanRequest(targets, from, first.notAfter(), horizonDays,
                bestTimes.forPlanner(workspaceId, platformNames)));
        return new Planned(plan, planning - loading, System.nanoTime() - planning);
    }

    /** Early enough for every post on the first local day (the cap) and within the gap before it. */
    private static Instant lookBehind(Instant from, PostingRules rules) {
        return from.minus(Duration.ofDays(2)).minus(Duration.ofMinutes(rules.minGapMinutes()));
    }

    /** Late enough for every post on the last local day of the range and within the gap after it. */
    private Instant lookAhead(Instant from, Instant notAfter, PostingRules rules) {
        Instant end = from.plus(Duration.ofDays(horizonDays));
        if (notAfter != null && notAfter.isBefore(end)) {
            end = notAfter;
        }
        return end.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(rules.minGapMinutes()));
    }
}

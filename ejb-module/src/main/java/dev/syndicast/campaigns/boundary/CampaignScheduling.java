package dev.syndicast.campaigns.boundary;

import dev.syndicast.campaigns.control.CampaignRun;
import dev.syndicast.campaigns.control.CampaignRun.Mode;
import dev.syndicast.campaigns.control.OwnedCampaigns;
import dev.syndicast.campaigns.entity.Cadence;
import dev.syndicast.campaigns.entity.Campaign;
import dev.syndicast.core.entity.ConflictException;
import dev.syndicast.core.entity.InvalidFieldException;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.planning.control.Planner;
import dev.syndicast.platforms.control.PlatformRegistry;
import dev.syndicast.platforms.entity.PlatformSpec;
import dev.syndicast.posts.boundary.Posts;
import dev.syndicast.publishing.boundary.SmartScheduling;
import dev.syndicast.tenancy.boundary.Settings;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Schedules a campaign's draft posts along its calendar or a cadence, under the same rules as every other schedule:
 * the planner ({@link Planner#placeAtAims}) over the workspace's settings, the platforms' daily caps and every instant
 * already taken on the accounts ({@link SmartScheduling#ground}).
 *
 * <p>A real run locks, in this order, the campaign, the accounts of its draft posts' targets (in id order, as smart
 * scheduling does) and then the posts (in id order), reads the posts afresh, plans and writes: two runs, or a run and a
 * smart schedule, for the same accounts are planned one after the other and never take the same slot or overshoot a
 * cap. A dry run reads the same and writes nothing, so a real run right after it gives the same plan unless something
 * changed in between.
 */
@Stateless
public class CampaignScheduling {

    @EJB
    Posts posts;

    @EJB
    SmartScheduling smart;

    @EJB
    Settings settings;

    @Inject
    OwnedCampaigns owned;

    @Inject
    PlatformRegistry platforms;

    @Inject
    Clock clock;

    private final Planner planner = new Planner();

    /**
     * A run as the caller asked for it: {@code mode} (default auto), a cadence laid over the campaign's default cadence
     * (null: the campaign's), the platforms to schedule (null: all), whether to include posts pending approval (there
     * is no approval yet: every draft is ready, so this changes nothing), an IANA time zone for the cadence and
     * calendar (null: the workspace's), the start (null: now) and whether to write anything.
     */
    public record Ask(Mode mode, Cadence cadence, List<String> platforms, boolean includePending, String timezone,
                      Instant startDate, boolean dryRun) {
    }

    public CampaignRun.Outcome schedule(UUID workspaceId, UUID campaignId, Ask ask) {
        ZoneId zone = ask.timezone() == null ? null : zone(ask.timezone());
        Set<String> only = platforms(ask.platforms());
        Campaign campaign = owned.find(workspaceId, campaignId, !ask.dryRun());
        campaign.requireSchedulable(ask.dryRun());
        Mode mode = CampaignRun.resolve(ask.mode() == null ? Mode.AUTO : ask.mode(), campaign.getCalendar());
        Cadence cadence = ask.cadence() == null ? campaign.getCadence() : ask.cadence().over(campaign.getCadence());
        if (zone == null) {
            zone = settings.of(workspaceId).zone();
        }
        Instant now = clock.instant();
        Instant start = ask.startDate() == null || ask.startDate().isBefore(now) ? now : ask.startDate();
        LocalDate startDay = ask.startDate() == null ? null : ask.startDate().atZone(zone).toLocalDate();
        CampaignRun run = new CampaignRun(mode, cadence == null ? Cadence.DEFAULT : cadence, campaign.getCalendar(), zone, start,
                startDay, only);

        // What the run may place, read without locks: the accounts to lock and how far ahead to read their schedules.
        List<Posts.CampaignDraft> seen = posts.campaignDrafts(workspaceId, campaignId);
        Set<String> targetPlatforms = new TreeSet<>();
        Set<UUID> accounts = new LinkedHashSet<>();
        seen.forEach(d -> d.targets().forEach(t -> {
            targetPlatforms.add(t.platform());
            accounts.add(t.accountId());
        }));
        List<UUID> ids = seen.stream().map(Posts.CampaignDraft::postId).toList();
        SmartScheduling.Ground ground = smart.ground(workspaceId, targetPlatforms, accounts, start, run.lastAim(ids), !ask.dryRun());
        Posts.CampaignDrafts drafts = posts.draftsToSchedule(workspaceId, campaignId, ids, !ask.dryRun());
        if (!drafts.drafts().equals(seen)) {
            throw new ConflictException("The campaign's draft posts changed while it was being scheduled; nothing was scheduled,"
                    + " try again");
        }
        CampaignRun.Outcome outcome = run.plan(drafts.drafts().stream().map(d -> new CampaignRun.Draft(d.postId(),
                        d.targets().stream().map(t -> new CampaignRun.Target(t.id(), t.platform(), t.accountId(), t.scheduledAt())).toList(),
                        drafts.problems().get(d.postId()))).toList(),
                planner, ground.rules(), ground.accounts(), ground.horizonDays());
        if (!ask.dryRun()) {
            posts.scheduleAt(workspaceId, outcome.times());
        }
        return outcome;
    }

    /** An IANA time zone by its region name (Europe/Berlin, UTC); offsets and abbreviations are refused (400). */
    private static ZoneId zone(String name) {
        String id = name.strip();
        if (!ZoneId.getAvailableZoneIds().contains(id)) {
            throw new InvalidFieldException("timezone", "must be an IANA time zone such as Europe/Berlin or UTC (got '"
                    + (id.length() > 64 ? id.substring(0, 64) + "..." : id) + "')");
        }
        return ZoneId.of(id);
    }

    /** The canonical names of the platforms asked for (x for twitter as elsewhere), or null for all. */
    private Set<String> platforms(List<String> names) {
        if (names == null) {
            return null;
        }
        if (names.isEmpty()) {
            throw new InvalidFieldException("platforms", "must name at least one platform, or be left out for all");
        }
        Set<String> canonical = new LinkedHashSet<>();
        for (String name : names) {
            canonical.add(platforms.find(name).map(PlatformSpec::name).orElseThrow(() -> new InvalidInputException(
                    "Invalid platform: " + name + " (use one of " + String.join(", ",
                            platforms.all().stream().map(PlatformSpec::name).toList()) + ")")));
        }
        return canonical;
    }
}

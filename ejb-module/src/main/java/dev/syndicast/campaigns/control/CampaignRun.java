package dev.syndicast.campaigns.control;

import dev.syndicast.campaigns.control.ScheduleAims.Aim;
import dev.syndicast.campaigns.entity.Cadence;
import dev.syndicast.campaigns.entity.CalendarEntry;
import dev.syndicast.core.entity.FieldRejectedException;
import dev.syndicast.planning.control.Planner;
import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.AimedGroup;
import dev.syndicast.planning.entity.GroupPlacement;
import dev.syndicast.planning.entity.Placement;
import dev.syndicast.planning.entity.PostingRules;
import dev.syndicast.planning.entity.TargetRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One run of a campaign's schedule, worked out without touching the database: which draft posts take part, when each
 * would like to go out ({@link ScheduleAims}) and where the planner puts their targets under the workspace's rules
 * ({@link Planner#placeAtAims}), each post whole. The boundary loads what it needs, hands it over and writes what comes
 * back; a dry run and a real run over the same posts and schedules therefore give the same plan.
 *
 * @param mode     the mode the run follows (calendar or cadence, resolved by {@link #resolve})
 * @param start    the first moment anything may aim at: start_date, or now when start_date is absent or past
 * @param startDay the day the calendar's first date moves to (start_date's local date), or null to keep the dates
 * @param platforms the platforms asked for (canonical names), or null for every platform
 */
public record CampaignRun(Mode mode, Cadence cadence, List<CalendarEntry> calendar, ZoneId zone, Instant start, LocalDate startDay,
                          Set<String> platforms) {

    /** How a run finds its aims: auto (the calendar if the campaign has entries, else the cadence), calendar, cadence. */
    public enum Mode {
        AUTO, CALENDAR, CADENCE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Mode> fromWire(String value) {
            return Arrays.stream(values()).filter(m -> m.wire().equals(value)).findFirst();
        }
    }

    /** A target of a draft post: its platform and account, and the time it holds now, if any. */
    public record Target(UUID id, String platform, UUID accountId, Instant scheduledAt) {
    }

    /** A draft post of the campaign, oldest first, with its draft targets and why it cannot be scheduled (null: it can). */
    public record Draft(UUID postId, List<Target> targets, String problem) {
    }

    /** A target placed: where and when, and why then (the aim, then the planner's reason). */
    public record Scheduled(UUID postId, UUID targetId, String platform, UUID accountId, Instant at, String reason) {
    }

    /** A post's target (platform null: the post has none) left out, and why. */
    public record Skipped(UUID postId, String platform, String reason) {
    }

    /** What the run does: the targets placed, in the posts' order, those left out, and the span from start to the last. */
    public record Outcome(List<Scheduled> scheduled, List<Skipped> skipped, Instant start, Instant end, Mode mode) {

        /** Every target the run looked at: scheduled or skipped. */
        public int eligible() {
            return scheduled.size() + skipped.size();
        }

        /** The planned times by post and target, as the posts boundary writes them. */
        public Map<UUID, Map<UUID, Instant>> times() {
            Map<UUID, Map<UUID, Instant>> times = new LinkedHashMap<>();
            scheduled.forEach(s -> times.computeIfAbsent(s.postId(), p -> new HashMap<>()).put(s.targetId(), s.at()));
            return times;
        }
    }

    public CampaignRun {
        Objects.requireNonNull(mode, "mode");
        if (mode == Mode.AUTO) {
            throw new IllegalArgumentException("A run follows the calendar or the cadence; resolve auto first");
        }
        cadence = cadence.complete();
        calendar = List.copyOf(calendar);
    }

    /** The mode {@code asked} means for a campaign with this calendar; calendar without entries is 422 naming mode. */
    public static Mode resolve(Mode asked, List<CalendarEntry> calendar) {
        boolean hasEntries = calendar.stream().anyMatch(e -> e.channel().takesAPost());
        return switch (asked) {
            case AUTO -> hasEntries ? Mode.CALENDAR : Mode.CADENCE;
            case CADENCE -> Mode.CADENCE;
            case CALENDAR -> {
                if (!hasEntries) {
                    throw new FieldRejectedException("mode", "calendar needs calendar entries of the social or video channel;"
                            + " the campaign has none (use cadence, or add entries to the campaign's calendar)");
                }
                yield Mode.CALENDAR;
            }
        };
    }

    /** Each post's aim, in the posts' order. */
    public List<Aim> aims(List<UUID> posts) {
        return mode == Mode.CALENDAR ? ScheduleAims.calendar(calendar, cadence, zone, startDay, start, posts)
                : ScheduleAims.cadence(cadence, zone, start, posts);
    }

    /** The latest aim any of these posts could get (the posts a run might place are among them), or the start. */
    public Instant lastAim(List<UUID> posts) {
        return aims(posts).stream().map(Aim::at).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(start);
    }

    /**
     * Places the drafts' targets: posts with a target outside {@link #platforms} (while another is inside), without
     * targets, with a {@code problem} or without an aim are skipped with the reason; the others go to the planner,
     * which puts each target at the first slot at or after its post's aim under {@code rules}, over {@code accounts}
     * (their taken instants; a draft's own current times are left out, since the run moves them), each post whole.
     */
    public Outcome plan(List<Draft> drafts, Planner planner, PostingRules rules, List<AccountSchedule> accounts, int horizonDays) {
        Map<UUID, List<Skipped>> skipped = new HashMap<>();
        List<Draft> eligible = new ArrayList<>();
        for (Draft draft : drafts) {
            List<Skipped> out = skipped.computeIfAbsent(draft.postId(), p -> new ArrayList<>());
            List<String> outside = draft.targets().stream().map(Target::platform)
                    .filter(p -> platforms != null && !platforms.contains(p)).distinct().toList();
            if (platforms != null && outside.size() == draft.targets().stream().map(Target::platform).distinct().count()) {
                continue;
            }
            if (!outside.isEmpty()) {
                draft.targets().forEach(t -> out.add(new Skipped(draft.postId(), t.platform(), "the post also goes to "
                        + String.join(", ", outside) + ", which platforms leaves out; a post is scheduled with all its targets")));
            } else if (draft.targets().isEmpty()) {
                out.add(new Skipped(draft.postId(), null, "the post has no draft targets: give it a platform and an account first"));
            } else if (draft.problem() != null) {
                draft.targets().forEach(t -> out.add(new Skipped(draft.postId(), t.platform(), draft.problem())));
            } else {
                eligible.add(draft);
            }
        }
        List<Aim> aims = aims(eligible.stream().map(Draft::postId).toList());
        List<Draft> aimed = new ArrayList<>();
        List<AimedGroup> groups = new ArrayList<>();
        Map<UUID, String> why = new HashMap<>();
        for (int i = 0; i < eligible.size(); i++) {
            Draft draft = eligible.get(i);
            Aim aim = aims.get(i);
            if (!aim.found()) {
                draft.targets().forEach(t -> skipped.get(draft.postId()).add(new Skipped(draft.postId(), t.platform(), aim.why())));
                continue;
            }
            aimed.add(draft);
            why.put(draft.postId(), aim.why());
            groups.add(new AimedGroup(aim.at(), draft.targets().stream()
                    .map(t -> new TargetRequest(t.platform(), t.accountId(), draft.postId().toString())).toList()));
        }
        List<GroupPlacement> placements = planner.placeAtAims(rules, withoutOwnTimes(accounts, aimed), groups, horizonDays);
        Map<UUID, List<Scheduled>> scheduled = new HashMap<>();
        for (int i = 0; i < aimed.size(); i++) {
            Draft draft = aimed.get(i);
            GroupPlacement placement = placements.get(i);
            if (placement.isPlaced()) {
                List<Scheduled> in = scheduled.computeIfAbsent(draft.postId(), p -> new ArrayList<>());
                for (Placement p : placement.placements()) {
                    Target t = draft.targets().get(p.index());
                    in.add(new Scheduled(draft.postId(), t.id(), t.platform(), p.accountId(), p.at(), why.get(draft.postId()) + "; " + p.reason()));
                }
            } else {
                String refusedPlatform = draft.targets().get(placement.refusedTarget()).platform();
                for (int j = 0; j < draft.targets().size(); j++) {
                    Target t = draft.targets().get(j);
                    skipped.get(draft.postId()).add(new Skipped(draft.postId(), t.platform(), j == placement.refusedTarget()
                            ? placement.refusal()
                            : "the post's " + refusedPlatform + " target has no slot, and a post is scheduled with all its targets"));
                }
            }
        }
        List<Scheduled> allScheduled = new ArrayList<>();
        List<Skipped> allSkipped = new ArrayList<>();
        for (Draft draft : drafts) {
            allScheduled.addAll(scheduled.getOrDefault(draft.postId(), List.of()));
            allSkipped.addAll(skipped.getOrDefault(draft.postId(), List.of()));
        }
        Instant end = allScheduled.stream().map(Scheduled::at).max(Comparator.naturalOrder()).orElse(null);
        return new Outcome(allScheduled, allSkipped, start, end, mode);
    }

    /** The accounts' taken instants less the current times of the targets the run places (each once). */
    static List<AccountSchedule> withoutOwnTimes(List<AccountSchedule> accounts, List<Draft> placing) {
        Map<UUID, List<Instant>> own = new HashMap<>();
        placing.forEach(d -> d.targets().stream().filter(t -> t.scheduledAt() != null)
                .forEach(t -> own.computeIfAbsent(t.accountId(), a -> new ArrayList<>()).add(t.scheduledAt())));
        if (own.isEmpty()) {
            return accounts;
        }
        List<AccountSchedule> result = new ArrayList<>(accounts.size());
        for (AccountSchedule account : accounts) {
            List<Instant> mine = own.get(account.id());
            if (mine == null) {
                result.add(account);
                continue;
            }
            List<Instant> occupied = new ArrayList<>(account.occupied());
            mine.forEach(occupied::remove);
            result.add(new AccountSchedule(account.id(), account.platform(), account.defaultAccount(), account.dailyCap(), occupied));
        }
        return result;
    }
}

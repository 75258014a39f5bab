package dev.syndicast.campaigns.control;

import dev.syndicast.campaigns.control.CampaignRun.Draft;
import dev.syndicast.campaigns.control.CampaignRun.Mode;
import dev.syndicast.campaigns.control.CampaignRun.Outcome;
import dev.syndicast.campaigns.control.CampaignRun.Scheduled;
import dev.syndicast.campaigns.control.CampaignRun.Skipped;
import dev.syndicast.campaigns.control.CampaignRun.Target;
import dev.syndicast.campaigns.entity.Cadence;
import dev.syndicast.campaigns.entity.CalendarEntry;
import dev.syndicast.campaigns.entity.Channel;
import dev.syndicast.core.entity.FieldRejectedException;
import dev.syndicast.planning.control.Planner;
import dev.syndicast.planning.control.ScheduleCheck;
import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.PostingRules;
import dev.syndicast.planning.entity.Window;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** A campaign's run worked out without a database: who takes part, the aims, and the planner keeping the rules. */
class CampaignRunTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final UUID TIKTOK = new UUID(1, 1);
    static final UUID INSTAGRAM = new UUID(1, 2);
    static final Instant START = local("2026-05-11T08:00");  // a Monday
    final Planner planner = new Planner();
    int ids;

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(BERLIN).toInstant();
    }

    private static PostingRules rules(int gap) {
        List<Window> windows = Arrays.stream(DayOfWeek.values()).map(d -> new Window(d, LocalTime.of(9, 0), LocalTime.of(17, 0))).toList();
        return new PostingRules(BERLIN, windows, gap, Map.of("tiktok", 8, "instagram", 5, "linkedin", 0));
    }

    private static List<AccountSchedule> accounts(Instant... takenOnTikTok) {
        return List.of(new AccountSchedule(TIKTOK, "tiktok", true, null, List.of(takenOnTikTok)),
                new AccountSchedule(INSTAGRAM, "instagram", true, null, List.of()));
    }

    private Draft draft(String... platforms) {
        List<Target> targets = new ArrayList<>();
        for (String platform : platforms) {
            targets.add(new Target(new UUID(2, ++ids), platform, platform.equals("tiktok") ? TIKTOK : INSTAGRAM, null));
        }
        return new Draft(new UUID(3, ++ids), targets, null);
    }

    private static CampaignRun cadenceRun(Cadence cadence, Set<String> platforms) {
        return new CampaignRun(Mode.CADENCE, cadence, List.of(), BERLIN, START, null, platforms);
    }

    @Test
    void autoFollowsTheCalendarWhenItHasEntriesForPostsAndCalendarModeNeedsThem() {
        CalendarEntry blog = new CalendarEntry(1, LocalDate.of(2026, 5, 12), null, Channel.BLOG, null, null, null);
        CalendarEntry social = new CalendarEntry(2, LocalDate.of(2026, 5, 13), null, Channel.SOCIAL, null, null, null);
        assertThat(CampaignRun.resolve(Mode.AUTO, List.of(blog, social))).isEqualTo(Mode.CALENDAR);
        assertThat(CampaignRun.resolve(Mode.AUTO, List.of(blog))).isEqualTo(Mode.CADENCE);
        assertThat(CampaignRun.resolve(Mode.CADENCE, List.of(social))).isEqualTo(Mode.CADENCE);
        assertThatThrownBy(() -> CampaignRun.resolve(Mode.CALENDAR, List.of(blog))).isInstanceOf(FieldRejectedException.class)
                .hasMessageStartingWith("mode: calendar needs calendar entries");
    }

    @Test
    void eachPostGoesOutAtItsCadenceSlotWithEveryTargetAndTheReasonSaysWhy() {
        Draft first = draft("tiktok", "instagram");
        Draft second = draft("tiktok");
        Outcome outcome = cadenceRun(Cadence.DEFAULT, null).plan(List.of(first, second), planner, rules(60), accounts(), 30);

        assertThat(outcome.skipped()).isEmpty();
        assertThat(outcome.scheduled()).extracting(Scheduled::postId, Scheduled::platform, Scheduled::at).containsExactly(
                tuple(first.postId(), "tiktok", local("2026-05-11T09:00")),
                tuple(first.postId(), "instagram", local("2026-05-11T09:05")),
                tuple(second.postId(), "tiktok", local("2026-05-13T09:00")));
        assertThat(outcome.scheduled().get(0).reason())
                .isEqualTo("cadence Mon 2026-05-11 09:00 Europe/Berlin; window Mon 09:00-17:00; the first free minute at or after the aim");
        assertThat(outcome.eligible()).isEqualTo(3);
        assertThat(outcome.end()).isEqualTo(local("2026-05-13T09:00"));
        assertThat(outcome.times().get(first.postId())).hasSize(2);
    }

    @Test
    void theRulesWinOverTheCadenceTheGapAndTheDailyCapIncluded() {
        // Eight posts a day aimed at TikTok, which already holds four posts that Monday: the cap of 8 moves the rest on.
        List<String> hours = List.of("09:00", "09:10", "09:20", "09:30", "09:40", "09:50", "10:00", "10:10");
        Cadence crowded = new Cadence(8, hours.stream().map(LocalTime::parse).toList(), List.of(1));
        List<Draft> drafts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            drafts.add(draft("tiktok"));
        }
        Instant[] taken = {local("2026-05-11T12:00"), local("2026-05-11T13:00"), local("2026-05-11T14:00"), local("2026-05-11T15:00")};
        Outcome outcome = cadenceRun(crowded, null).plan(drafts, planner, rules(30), accounts(taken), 30);

        List<Instant> placed = outcome.scheduled().stream().map(Scheduled::at).toList();
        assertThat(placed).hasSize(8);
        assertThat(placed.stream().filter(at -> at.atZone(BERLIN).toLocalDate().equals(LocalDate.of(2026, 5, 11))).count())
                .as("four existing and four new on Monday: the cap of 8").isEqualTo(4);
        assertThat(ScheduleCheck.violations(rules(30), accounts(taken).get(0), placed)).isEmpty();
        assertThat(outcome.scheduled().get(4).reason()).contains("the daily cap of 8 on Mon 2026-05-11 is used");
    }

    @Test
    void aPostIsScheduledWholeOrSkippedWholeWithTheReason() {
        Draft both = draft("tiktok", "instagram");
        Draft fine = draft("tiktok");
        // Instagram's cap of 5 is used on every day of the horizon.
        List<Instant> full = new ArrayList<>();
        for (int day = 0; day < 40; day++) {
            for (int n = 0; n < 5; n++) {
                full.add(local("2026-05-11T09:00").plusSeconds(86_400L * day + 3600L * n));
            }
        }
        List<AccountSchedule> accounts = List.of(new AccountSchedule(TIKTOK, "tiktok", true, null, List.of()),
                new AccountSchedule(INSTAGRAM, "instagram", true, null, full));
        Outcome outcome = cadenceRun(Cadence.DEFAULT, null).plan(List.of(both, fine), planner, rules(0), accounts, 30);

        assertThat(outcome.scheduled()).extracting(Scheduled::postId).containsExactly(fine.postId());
        assertThat(outcome.scheduled().get(0).at()).as("the skipped post gave its TikTok slot back")
                .isEqualTo(local("2026-05-13T09:00"));
        assertThat(outcome.skipped()).extracting(Skipped::platform).containsExactly("tiktok", "instagram");
        assertThat(outcome.skipped().get(1).reason()).startsWith("No slot for instagram account").contains("cap of 5");
        assertThat(outcome.skipped().get(0).reason())
                .isEqualTo("the post's instagram target has no slot, and a post is scheduled with all its targets");
        assertThat(outcome.eligible()).isEqualTo(3);
    }

    @Test
    void thePlatformsFilterLeavesOtherPostsOutAndSkipsPostsThatGoAlsoElsewhere() {
        Draft tiktokOnly = draft("tiktok");
        Draft instagramOnly = draft("instagram");
        Draft mixed = draft("tiktok", "instagram");
        Outcome outcome = cadenceRun(Cadence.DEFAULT, Set.of("tiktok")).plan(List.of(tiktokOnly, instagramOnly, mixed), planner,
                rules(60), accounts(), 30);

        assertThat(outcome.scheduled()).extracting(Scheduled::postId).containsExactly(tiktokOnly.postId());
        assertThat(outcome.skipped()).extracting(Skipped::postId).containsOnly(mixed.postId());
        assertThat(outcome.skipped().get(0).reason())
                .isEqualTo("the post also goes to instagram, which platforms leaves out; a post is scheduled with all its targets");
    }

    @Test
    void postsWithoutTargetsOrWithAProblemAreSkippedAndTakeNoCadenceSlot() {
        Draft empty = new Draft(new UUID(3, 100), List.of(), null);
        Draft broken = new Draft(draft("tiktok").postId(), draft("tiktok").targets(), "tiktok: the post has neither text nor media");
        Draft fine = draft("tiktok");
        Outcome outcome = cadenceRun(Cadence.DEFAULT, null).plan(List.of(empty, broken, fine), planner, rules(60), accounts(), 30);

        assertThat(outcome.skipped()).extracting(Skipped::platform, Skipped::reason).containsExactly(
                tuple(null, "the post has no draft targets: give it a platform and an account first"),
                tuple("tiktok", "tiktok: the post has neither text nor media"));
        assertThat(outcome.scheduled()).singleElement().satisfies(s -> assertThat(s.at()).isEqualTo(local("2026-05-11T09:00")));
    }

    @Test
    void aDraftsOwnTimeDoesNotBlockItsNewSlot() {
        Instant own = local("2026-05-11T09:30");
        Draft holding = new Draft(new UUID(3, 200), List.of(new Target(new UUID(2, 200), "tiktok", TIKTOK, own)), null);
        Outcome outcome = cadenceRun(Cadence.DEFAULT, null).plan(List.of(holding), planner, rules(60), accounts(own), 30);

        assertThat(outcome.scheduled().get(0).at()).isEqualTo(local("2026-05-11T09:00"));
    }

    @Test
    void theSameInputGivesTheSamePlan() {
        List<Draft> drafts = List.of(draft("tiktok", "instagram"), draft("instagram"), draft("tiktok"));
        CampaignRun run = cadenceRun(new Cadence(2, List.of(LocalTime.of(9, 0), LocalTime.of(9, 20)), null), null);
        assertThat(run.plan(drafts, planner, rules(45), accounts(local("2026-05-11T09:10")), 30))
                .isEqualTo(run.plan(drafts, planner, rules(45), accounts(local("2026-05-11T09:10")), 30));
    }
}

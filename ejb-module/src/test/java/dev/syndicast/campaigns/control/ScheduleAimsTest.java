package dev.syndicast.campaigns.control;

import dev.syndicast.campaigns.control.ScheduleAims.Aim;
import dev.syndicast.campaigns.entity.Cadence;
import dev.syndicast.campaigns.entity.CalendarEntry;
import dev.syndicast.campaigns.entity.Channel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The aims of a campaign's posts: the cadence expanded from the start, or the calendar's entries in order. */
class ScheduleAimsTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Cadence DEFAULT = Cadence.DEFAULT.complete();

    private static List<UUID> posts(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> new UUID(0, i)).toList();
    }

    private static Instant local(String dateTime, ZoneId zone) {
        return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
    }

    private static List<String> walls(List<Aim> aims, ZoneId zone) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm xxx", java.util.Locale.ENGLISH);
        return aims.stream().map(a -> a.at() == null ? null : format.format(a.at().atZone(zone))).toList();
    }

    private static Cadence cadence(int perDay, List<String> hours, List<Integer> days) {
        return new Cadence(perDay, hours.stream().map(LocalTime::parse).toList(), days).complete();
    }

    @Test
    void theDefaultCadenceIsMondayWednesdayAndFridayAtNineFromTheStartOn() {
        // Tuesday 12 May 2026, 10:00 in Berlin: the first slot is Wednesday.
        List<Aim> aims = ScheduleAims.cadence(DEFAULT, BERLIN, local("2026-05-12T10:00", BERLIN), posts(4));

        assertThat(walls(aims, BERLIN)).containsExactly("Wed 2026-05-13 09:00 +02:00", "Fri 2026-05-15 09:00 +02:00",
                "Mon 2026-05-18 09:00 +02:00", "Wed 2026-05-20 09:00 +02:00");
        assertThat(aims).extracting(Aim::postId).containsExactlyElementsOf(posts(4));
        assertThat(aims.get(0).why()).isEqualTo("cadence Wed 2026-05-13 09:00 Europe/Berlin");
    }

    @Test
    void severalPostsADayTakeTheFirstHoursAndSlotsBeforeTheStartAreLeftOut() {
        Cadence twice = cadence(2, List.of("18:00", "09:00", "12:00"), List.of(2));
        List<Aim> aims = ScheduleAims.cadence(twice, BERLIN, local("2026-05-12T10:00", BERLIN), posts(3));

        assertThat(walls(aims, BERLIN)).as("09:00 on the first Tuesday has passed; 18:00 is not among the first two hours")
                .containsExactly("Tue 2026-05-12 12:00 +02:00", "Tue 2026-05-19 09:00 +02:00", "Tue 2026-05-19 12:00 +02:00");
    }

    @Test
    void aCadenceHourThatTheSpringSwitchSkipsIsTheSameWallTimeAfterIt() {
        // Berlin jumps from 02:00 to 03:00 on Sunday 29 March 2026: 02:30 does not exist that day.
        Cadence sundays = cadence(1, List.of("02:30"), List.of(0));
        List<Aim> aims = ScheduleAims.cadence(sundays, BERLIN, local("2026-03-22T00:00", BERLIN), posts(3));

        assertThat(walls(aims, BERLIN)).containsExactly("Sun 2026-03-22 02:30 +01:00", "Sun 2026-03-29 03:30 +02:00",
                "Sun 2026-04-05 02:30 +02:00");
        assertThat(aims.get(1).why()).isEqualTo("cadence Sun 2026-03-29 03:30 Europe/Berlin (02:30 does not exist that day: the"
                + " clocks skip it)");
    }

    @Test
    void aCadenceHourThatTheFallSwitchRepeatsIsItsFirstOccurrence() {
        // New York repeats 01:00-02:00 on Sunday 1 November 2026.
        Cadence sundays = cadence(2, List.of("01:30", "01:45"), List.of(0));
        List<Aim> aims = ScheduleAims.cadence(sundays, NEW_YORK, local("2026-11-01T00:00", NEW_YORK), posts(2));

        assertThat(walls(aims, NEW_YORK)).containsExactly("Sun 2026-11-01 01:30 -04:00", "Sun 2026-11-01 01:45 -04:00");
        assertThat(java.time.Duration.between(aims.get(0).at(), aims.get(1).at())).hasMinutes(15);
    }

    @Test
    void theCadenceDaysAreLocalDaysOfTheRunsZone() {
        // 23:30 on a Sunday in Los Angeles is Monday in UTC: the cadence of Sundays counts it as Sunday.
        ZoneId la = ZoneId.of("America/Los_Angeles");
        List<Aim> aims = ScheduleAims.cadence(cadence(1, List.of("23:30"), List.of(0)), la, local("2026-05-10T00:00", la), posts(1));
        assertThat(walls(aims, la)).containsExactly("Sun 2026-05-10 23:30 -07:00");
        assertThat(aims.get(0).at()).isEqualTo(Instant.parse("2026-05-11T06:30:00Z"));
    }

    private static CalendarEntry entry(int day, String date, Channel channel, String title) {
        return new CalendarEntry(day, LocalDate.parse(date), null, channel, null, title, (day - 1) / 7 + 1);
    }

    @Test
    void postsTakeTheCalendarsSocialAndVideoEntriesInOrderAndBlogEntriesNone() {
        List<CalendarEntry> calendar = List.of(entry(3, "2026-05-14", Channel.SOCIAL, "Third"),
                entry(1, "2026-05-12", Channel.SOCIAL, "First"), entry(2, "2026-05-13", Channel.BLOG, "Article"),
                entry(2, "2026-05-13", Channel.VIDEO, "Clip"));
        List<Aim> aims = ScheduleAims.calendar(calendar, DEFAULT, BERLIN, null, local("2026-05-01T00:00", BERLIN), posts(4));

        assertThat(walls(aims, BERLIN)).containsExactly("Tue 2026-05-12 09:00 +02:00", "Wed 2026-05-13 09:00 +02:00",
                "Thu 2026-05-14 09:00 +02:00", null);
        assertThat(aims.get(1).why()).isEqualTo("calendar day 2 (video: Clip) Wed 2026-05-13 09:00 Europe/Berlin");
        assertThat(aims.get(3).why()).isEqualTo("no calendar entry left: the calendar has 3 social and video entries for 4 posts");
    }

    @Test
    void entriesThatShareADateTakeTheHoursInTurn() {
        List<CalendarEntry> calendar = List.of(entry(1, "2026-05-12", Channel.SOCIAL, "a"), entry(1, "2026-05-12", Channel.SOCIAL, "b"),
                entry(1, "2026-05-12", Channel.SOCIAL, "c"));
        Cadence hours = cadence(2, List.of("09:00", "15:00"), List.of(1));
        List<Aim> aims = ScheduleAims.calendar(calendar, hours, BERLIN, null, local("2026-05-01T00:00", BERLIN), posts(3));

        assertThat(walls(aims, BERLIN)).containsExactly("Tue 2026-05-12 09:00 +02:00", "Tue 2026-05-12 15:00 +02:00",
                "Tue 2026-05-12 09:00 +02:00");
    }

    @Test
    void aStartDayMovesTheWholeCalendarSoItsFirstDateFallsOnIt() {
        List<CalendarEntry> calendar = List.of(entry(1, "2026-01-05", Channel.BLOG, "Intro"), entry(2, "2026-01-06", Channel.SOCIAL, "a"),
                entry(8, "2026-01-12", Channel.SOCIAL, "b"));
        Instant start = local("2026-06-01T10:00", BERLIN);
        List<Aim> aims = ScheduleAims.calendar(calendar, DEFAULT, BERLIN, LocalDate.of(2026, 6, 1), start, posts(2));

        assertThat(walls(aims, BERLIN)).containsExactly("Tue 2026-06-02 09:00 +02:00", "Mon 2026-06-08 09:00 +02:00");
    }

    @Test
    void anEntryOfAPassedDayHasNoAimAndOneLaterOnTheStartsDayAimsAtTheStart() {
        List<CalendarEntry> calendar = List.of(entry(1, "2026-05-11", Channel.SOCIAL, "gone"), entry(2, "2026-05-12", Channel.SOCIAL, "today"),
                entry(3, "2026-05-13", Channel.SOCIAL, "tomorrow"));
        Instant start = local("2026-05-12T10:00", BERLIN);
        List<Aim> aims = ScheduleAims.calendar(calendar, DEFAULT, BERLIN, null, start, posts(3));

        assertThat(aims.get(0).found()).isFalse();
        assertThat(aims.get(0).why()).isEqualTo("calendar day 1 (social: gone) on 2026-05-11 has passed; start_date moves the calendar");
        assertThat(aims.get(1).at()).isEqualTo(start);
        assertThat(aims.get(1).why()).endsWith(", from the start");
        assertThat(walls(aims, BERLIN).get(2)).isEqualTo("Wed 2026-05-13 09:00 +02:00");
    }
}

package dev.syndicast.campaigns.control;

import dev.syndicast.campaigns.entity.Cadence;
import dev.syndicast.campaigns.entity.CalendarEntry;
import dev.syndicast.core.entity.TimeRange;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * When each post of a campaign's run would like to go out: the n-th post (oldest first) at the n-th moment of the
 * cadence, or at the n-th entry of the calendar that takes a post. These are aims, not schedules: the planner then puts
 * each post at the first moment at or after its aim that keeps the workspace's rules.
 *
 * <p>Local times are read in the run's time zone. A cadence or calendar hour that a spring-forward switch skips
 * becomes the same wall time after the switch (02:30 on the day Berlin jumps from 02:00 to 03:00 is 03:30); an hour
 * that a fall-back switch repeats is its first occurrence. No aim lies before the run's start: the cadence continues
 * from the first moment at or after it, a calendar entry later on the start's own day aims at the start, and an entry
 * of an earlier day has passed. Plain code without state: same input, same aims.
 */
public final class ScheduleAims {

    /** The last day an aim may fall on: times after 9999 cannot be written back to clients. */
    private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 30);

    private ScheduleAims() {
    }

    /** A post's aim and where it comes from ({@code why}), or the reason it has none ({@code at} null). */
    public record Aim(UUID postId, Instant at, String why) {

        public boolean found() {
            return at != null;
        }
    }

    /**
     * The cadence's moments from {@code start} on, one per post: on each day of the week the cadence names, its first
     * {@code posts_per_day} hours, in the order they occur. {@code cadence} must be complete ({@link Cadence#complete}).
     */
    public static List<Aim> cadence(Cadence cadence, ZoneId zone, Instant start, List<UUID> posts) {
        List<Aim> aims = new ArrayList<>(posts.size());
        LocalDate day = start.atZone(zone).toLocalDate();
        List<LocalTime> hours = cadence.hours().subList(0, cadence.postsPerDay());
        while (aims.size() < posts.size() && !day.isAfter(LAST_DAY)) {
            if (cadence.postsOn(day.getDayOfWeek())) {
                LocalDate date = day;
                record Moment(LocalTime asked, ZonedDateTime at) {
                }
                List<Moment> moments = hours.stream().map(h -> new Moment(h, ZonedDateTime.of(date, h, zone)))
                        .sorted(Comparator.comparing((Moment m) -> m.at().toInstant())).toList();
                for (Moment moment : moments) {
                    if (aims.size() < posts.size() && !moment.at().toInstant().isBefore(start)) {
                        aims.add(new Aim(posts.get(aims.size()), moment.at().toInstant(), "cadence " + label(moment.at(), moment.asked())));
                    }
                }
            }
            day = day.plusDays(1);
        }
        while (aims.size() < posts.size()) {
            aims.add(new Aim(posts.get(aims.size()), null, "the cadence has no moment left before " + TimeRange.LATEST));
        }
        return aims;
    }

    /**
     * The calendar's entries that take a post ({@code social} and {@code video}; blog entries take none), in the
     * calendar's order (date, then day number, then as listed), one per post; more posts than entries leave the rest
     * without an aim. Entries that share a date aim at the cadence's hours in turn (the first at the first hour, ...,
     * starting over after the last). With {@code startDay} the whole calendar moves so that its first date (blog entries
     * included) falls on that day; without it, the dates stand as written.
     */
    public static List<Aim> calendar(List<CalendarEntry> calendar, Cadence cadence, ZoneId zone, LocalDate startDay,
                                     Instant start, List<UUID> posts) {
        List<CalendarEntry> ordered = IntStream.range(0, calendar.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> calendar.get(i).date()).thenComparing(i -> calendar.get(i).day())
                        .thenComparing(i -> i))
                .map(calendar::get).toList();
        long shift = startDay == null || ordered.isEmpty() ? 0 : ChronoUnit.DAYS.between(ordered.get(0).date(), startDay);
        List<CalendarEntry> slots = ordered.stream().filter(e -> e.channel().takesAPost()).toList();
        LocalDate firstDay = start.atZone(zone).toLocalDate();
        Map<LocalDate, Integer> usedOnDate = new HashMap<>();
        List<Aim> aims = new ArrayList<>(posts.size());
        for (int i = 0; i < posts.size(); i++) {
            UUID post = posts.get(i);
            if (i >= slots.size()) {
                aims.add(new Aim(post, null, "no calendar entry left: the calendar has " + slots.size()
                        + " social and video entries for " + posts.size() + " posts"));
                continue;
            }
            CalendarEntry entry = slots.get(i);
            LocalDate date = entry.date().plusDays(shift);
            int k = usedOnDate.merge(date, 1, Integer::sum) - 1;
            String what = "calendar day " + entry.day() + " (" + entry.channel().wire()
                    + (entry.title() == null ? "" : ": " + entry.title()) + ")";
            if (date.isBefore(firstDay)) {
                aims.add(new Aim(post, null, what + " on " + date + " has passed; start_date moves the calendar"));
                continue;
            }
            if (date.isAfter(LAST_DAY)) {
                aims.add(new Aim(post, null, what + " falls after " + TimeRange.LATEST));
                continue;
            }
            LocalTime hour = cadence.hours().get(k % cadence.hours().size());
            ZonedDateTime moment = ZonedDateTime.of(date, hour, zone);
            Instant at = moment.toInstant().isBefore(start) ? start : moment.toInstant();
            aims.add(new Aim(post, at, what + " " + label(moment, hour) + (at.equals(start) && !at.equals(moment.toInstant())
                    ? ", from the start" : "")));
        }
        return aims;
    }

    /** {@code Wed 2026-05-13 09:00 Europe/Berlin}, saying so when the clock skipped the hour asked for. */
    static String label(ZonedDateTime moment, LocalTime asked) {
        String day = moment.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + moment.toLocalDate();
        String text = day + " " + moment.toLocalTime() + " " + moment.getZone().getId();
        return moment.toLocalTime().equals(asked) ? text : text + " (" + asked + " does not exist that day: the clocks skip it)";
    }
}

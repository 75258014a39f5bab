package dev.syndicast.planning.control;

import dev.syndicast.planning.entity.BestTimes;
import dev.syndicast.planning.entity.Window;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The local calendar days of one planning run and the window time of each, as real instants. Time is counted in epoch
 * minutes (slots are whole minutes). A window's local times become instants through the zone's offsets on that very
 * day, split at any offset change: a window at 09:00 is at 09:00 local on both sides of a daylight-saving switch, the
 * hour that does not exist when clocks spring forward is simply not in any window, and the hour that repeats when they
 * fall back is in the window twice over, as the real time it is (the gap, counted in real minutes, then keeps posts in
 * it apart). Days run from the local day of the first minute to the local day of the last; window time outside
 * [first, last] is cut off.
 */
final class PlanningCalendar {

    /**
     * Minutes {@code first} to {@code last} (inclusive) inside {@code window} ({@code null}: no windows, any time), and
     * how reasons name that window.
     */
    record Piece(long first, long last, Window window, String text) {

        long length() {
            return last - first + 1;
        }
    }

    /** Seconds {@code from} (inclusive) to {@code to} (exclusive) during which the zone's offset is {@code offset}. */
    private record OffsetSpan(long from, long to, int offset) {
    }

    static final String ANY_TIME = "any time (no posting windows)";

    private final ZoneId zone;
    private final ZoneRules zoneRules;
    private final long firstMinute;
    private final long lastMinute;
    private final LocalDate firstDay;
    private final int days;
    private final long[] dayStart;
    private final Piece[][] pieces;
    private final OffsetSpan[][] spans;

    PlanningCalendar(ZoneId zone, List<Window> windows, long firstMinute, long lastMinute) {
        this.zone = zone;
        this.zoneRules = zone.getRules();
        this.firstMinute = firstMinute;
        this.lastMinute = lastMinute;
        if (lastMinute < firstMinute) {
            firstDay = null;
            days = 0;
            dayStart = new long[] {Long.MAX_VALUE};
            pieces = new Piece[0][];
            spans = new OffsetSpan[0][];
            return;
        }
        firstDay = Instant.ofEpochSecond(firstMinute * 60).atZone(zone).toLocalDate();
        LocalDate lastDay = Instant.ofEpochSecond(lastMinute * 60).atZone(zone).toLocalDate();
        days = (int) (lastDay.toEpochDay() - firstDay.toEpochDay()) + 1;
        dayStart = new long[days + 1];
        for (int d = 0; d <= days; d++) {
            dayStart[d] = firstDay.plusDays(d).atStartOfDay(zone).toEpochSecond();
        }
        ZoneRules rules = zone.getRules();
        pieces = new Piece[days][];
        spans = new OffsetSpan[days][];
        Map<Window, String> texts = new HashMap<>();
        for (int d = 0; d < days; d++) {
            spans[d] = offsetSpans(rules, dayStart[d], dayStart[d + 1]);
            pieces[d] = windowPieces(d, windows, texts);
        }
    }

    private static OffsetSpan[] offsetSpans(ZoneRules rules, long from, long to) {
        List<OffsetSpan> result = new ArrayList<>(2);
        long start = from;
        int offset = rules.getOffset(Instant.ofEpochSecond(start)).getTotalSeconds();
        while (true) {
            ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(start));
            long at = next == null ? Long.MAX_VALUE : next.toEpochSecond();
            if (at >= to) {
                result.add(new OffsetSpan(start, to, offset));
                return result.toArray(OffsetSpan[]::new);
            }
            result.add(new OffsetSpan(start, at, offset));
            start = at;
            offset = next.getOffsetAfter().getTotalSeconds();
        }
    }

    private Piece[] windowPieces(int d, List<Window> windows, Map<Window, String> texts) {
        List<Piece> result = new ArrayList<>();
        if (windows.isEmpty()) {
            addClipped(result, dayStart[d], dayStart[d + 1], null, ANY_TIME);
            return result.toArray(Piece[]::new);
        }
        LocalDate date = date(d);
        long localMidnight = date.toEpochDay() * 86_400;
        for (Window window : windows) {
            if (window.day() != date.getDayOfWeek()) {
                continue;
            }
            for (OffsetSpan span : spans[d]) {
                long from = Math.max(span.from, localMidnight + window.start().toSecondOfDay() - span.offset);
                long to = Math.min(span.to, localMidnight + window.end().toSecondOfDay() - span.offset);
                addClipped(result, from, to, window, texts.computeIfAbsent(window, w -> "window " + w.label()));
            }
        }
        result.sort(Comparator.comparingLong(Piece::first));
        return result.toArray(Piece[]::new);
    }

    /** Adds the whole minutes in seconds [from, to) that lie in the run's range, joined to a touching piece of the window. */
    private void addClipped(List<Piece> result, long from, long to, Window window, String text) {
        long first = Math.max(ceilDiv(from, 60), firstMinute);
        long last = Math.min(ceilDiv(to, 60) - 1, lastMinute);
        if (first > last) {
            return;
        }
        for (int i = 0; i < result.size(); i++) {
            Piece p = result.get(i);
            if (p.window() == window && p.last() + 1 == first) {
                result.set(i, new Piece(p.first(), last, window, text));
                return;
            }
        }
        result.add(new Piece(first, last, window, text));
    }

    /** The smallest whole number of {@code unit}s at or above {@code value} (Math.ceilDiv arrived after Java 17). */
    static long ceilDiv(long value, long unit) {
        return -Math.floorDiv(-value, unit);
    }

    ZoneId zone() {
        return zone;
    }

    /** The epoch second as local {@code HH:mm}. */
    String time(long epochSecond) {
        return Reasons.time(zoneRules, epochSecond);
    }

    long firstMinute() {
        return firstMinute;
    }

    long lastMinute() {
        return lastMinute;
    }

    int days() {
        return days;
    }

    LocalDate date(int day) {
        return firstDay.plusDays(day);
    }

    /** The day (index from the first) the minute falls on; the minute must lie within the run's range. */
    int dayIndex(long minute) {
        long second = minute * 60;
        int low = 0;
        int high = days - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (dayStart[mid] <= second) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** The first whole minute of the day (for {@code day == days()}, the first minute after the last day). */
    long dayFirstMinute(int day) {
        return ceilDiv(dayStart[day], 60);
    }

    long dayStartSecond(int day) {
        return dayStart[day];
    }

    /** The day's window time within the range, in time order. */
    Piece[] pieces(int day) {
        return pieces[day];
    }

    boolean hasWindowTime(int day) {
        return pieces[day].length > 0;
    }

    /** The first piece of the day's window time that ends at or after the minute, or null. */
    Piece pieceAtOrAfter(int day, long minute) {
        for (Piece piece : pieces[day]) {
            if (piece.last() >= minute) {
                return piece;
            }
        }
        return null;
    }

    /** A stretch of minutes within one local hour, with that hour's best-time score. */
    record HourRun(long first, long last, DayOfWeek day, int hour, double score) {
    }

    /** Splits minutes {@code first}..{@code last} of the day at local hour boundaries and scores each part. */
    void hourRuns(int day, long first, long last, BestTimes scores, List<HourRun> into) {
        long minute = first;
        while (minute <= last) {
            long second = minute * 60;
            OffsetSpan span = spanAt(day, second);
            long local = second + span.offset;
            long localHour = Math.floorDiv(local, 3600);
            long hourEnd = Math.min((localHour + 1) * 3600 - span.offset, span.to);
            long runLast = Math.min(last, Math.max(minute, ceilDiv(hourEnd, 60) - 1));
            DayOfWeek dayOfWeek = LocalDate.ofEpochDay(Math.floorDiv(local, 86_400)).getDayOfWeek();
            int hour = (int) Math.floorMod(localHour, 24);
            into.add(new HourRun(minute, runLast, dayOfWeek, hour, scores.score(dayOfWeek, hour)));
            minute = runLast + 1;
        }
    }

    private OffsetSpan spanAt(int day, long second) {
        OffsetSpan[] daySpans = spans[day];
        for (OffsetSpan span : daySpans) {
            if (second < span.to) {
                return span;
            }
        }
        return daySpans[daySpans.length - 1];
    }
}

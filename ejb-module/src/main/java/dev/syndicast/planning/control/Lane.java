package dev.syndicast.planning.control;

import dev.syndicast.planning.control.PlanningCalendar.HourRun;
import dev.syndicast.planning.control.PlanningCalendar.Piece;
import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.BestTimes;
import dev.syndicast.planning.entity.Placement;
import dev.syndicast.planning.entity.Slot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One account's side of a planning run, in two steps.
 *
 * <p><b>Claiming.</b> Each target given to the account claims the account's earliest free minute (the "greedy" point):
 * inside a window, under the day's cap (existing and claimed posts on that local day), at least the gap away from every
 * occupied instant and from the previous claim. Finding it jumps rather than scans: to the next day when the cap is
 * used, to the next window start, past the gap of the blocking post (binary search over the sorted occupied instants).
 * Claiming earliest-first packs as many posts into any stretch of time as is possible at all, so the planner finds a
 * slot whenever one exists.
 *
 * <p><b>Laying out.</b> The claims fix how many posts go on each day; {@link #layout} then moves each day's posts to a
 * steady cadence: the day's free window time (windows minus the gap around occupied instants) is cut into as many
 * equal parts as posts, each post aims at its part's best hour (or its middle when the platform has no preference),
 * plus a few minutes per platform already used by the same video, and takes the free minute nearest that aim between
 * its earliest and latest possible minute; on a day too tight for every aim the posts are evened out around them.
 * Those bounds (the claims from the left, a packing from the right that stays the gap clear of the next day's first
 * claim) keep every rule: no post leaves its day, none comes within the gap of another, and every later post still
 * fits.
 */
final class Lane {

    private final PlanningRun run;
    private final PlanningCalendar calendar;
    private final AccountSchedule account;
    private final String id;
    private final int cap;
    private final int gap;
    private final long[] occupied;
    private final int[] existing;
    private final int[] claimedOnDay;
    private int loadFirstDays;

    private long[] claims = new long[8];
    private int[] targets = new int[8];
    private Next[] found = new Next[8];
    private String[] accountReasons = new String[8];
    private int size;

    private Next next;
    private boolean nextKnown;

    /** Why a day was passed over on the way to a claim. */
    enum Skip { CAP, WINDOWS_FULL, NO_WINDOW }

    /** What fixed a claim's minute. */
    enum Cause { NOT_BEFORE, AFTER_PREVIOUS, WINDOW_START, DAY_START, GAP_FROM_POST }

    /**
     * The account's next greedy point and its day; the last day passed over to reach it ({@code skip} null: none) and
     * what fixed the minute ({@code causeSecond}: the post whose gap or the claim after which it lies). Kept as facts and
     * worded only for the placements written, since the search meets many of them.
     */
    record Next(long minute, int day, Skip skip, int skipDay, Cause cause, long causeSecond) {
    }

    Lane(PlanningRun run, AccountSchedule account) {
        this.run = run;
        this.calendar = run.calendar();
        this.account = account;
        this.id = account.id().toString();
        this.cap = run.rules().capOf(account);
        this.gap = run.gap();
        this.occupied = account.occupied().stream().mapToLong(Instant::getEpochSecond).sorted().toArray();
        int days = calendar.days();
        this.existing = new int[days];
        this.claimedOnDay = new int[days];
        int i = lowerBound(calendar.days() == 0 ? Long.MAX_VALUE : calendar.dayStartSecond(0));
        for (int d = 0; d < days; d++) {
            long end = calendar.dayStartSecond(d + 1);
            while (i < occupied.length && occupied[i] < end) {
                existing[d]++;
                i++;
            }
            if (d < Planner.LOAD_DAYS) {
                loadFirstDays += existing[d];
            }
        }
    }

    AccountSchedule account() {
        return account;
    }

    int postsOnDay(int day) {
        return existing[day] + claimedOnDay[day];
    }

    /** The next point a target given to this account would claim, or null when none is left in the range. */
    Next next() {
        if (!nextKnown) {
            next = size == 0 ? search(calendar.firstMinute(), Cause.NOT_BEFORE, 0)
                    : search(claims[size - 1] + gap, Cause.AFTER_PREVIOUS, claims[size - 1] * 60);
            nextKnown = true;
        }
        return next;
    }

    /**
     * Which of two lanes (both with a next point) a target free to choose goes to: the earlier day, then fewer posts on
     * that day, then fewer posts over the first days of the range, then the default account, then the lower id.
     */
    int compareTo(Lane other) {
        int day = next().day();
        int otherDay = other.next().day();
        if (day != otherDay) {
            return Integer.compare(day, otherDay);
        }
        if (postsOnDay(day) != other.postsOnDay(day)) {
            return Integer.compare(postsOnDay(day), other.postsOnDay(day));
        }
        if (loadFirstDays != other.loadFirstDays) {
            return Integer.compare(loadFirstDays, other.loadFirstDays);
        }
        if (account.defaultAccount() != other.account.defaultAccount()) {
            return account.defaultAccount() ? -1 : 1;
        }
        return id.compareTo(other.id);
    }

    /** Why this lane won over the others (all of one platform) for a target that named no account. */
    String reasonOver(List<Lane> all) {
        String platform = account.platform();
        int day = next().day();
        int posts = postsOnDay(day);
        boolean anySameDay = false;
        boolean fewerPostsThanAll = true;
        boolean lighterThanTied = true;
        for (Lane lane : all) {
            if (lane == this || lane.next() == null || lane.next().day() != day) {
                continue;
            }
            anySameDay = true;
            int theirs = lane.postsOnDay(day);
            if (theirs <= posts) {
                fewerPostsThanAll = false;
            }
            if (theirs == posts && lane.loadFirstDays <= loadFirstDays) {
                lighterThanTied = false;
            }
        }
        String among = " of " + all.size() + " " + platform + " accounts";
        if (!anySameDay) {
            return "the only one" + among + " with room on " + Reasons.day(calendar.date(day));
        }
        if (fewerPostsThanAll) {
            return "least loaded" + among + " (" + posts + (posts == 1 ? " post" : " posts") + " that day)";
        }
        if (lighterThanTied) {
            return "least loaded" + among + " over the first " + Planner.LOAD_DAYS + " days";
        }
        if (account.defaultAccount()) {
            return "default " + platform + " account, as loaded as the others";
        }
        return "first by id" + among + " equally loaded";
    }

    /** Claims the next point for the target at {@code index}. */
    void claim(int index, String accountReason) {
        Next point = next();
        if (size == claims.length) {
            int grown = size * 2;
            claims = Arrays.copyOf(claims, grown);
            targets = Arrays.copyOf(targets, grown);
            found = Arrays.copyOf(found, grown);
            accountReasons = Arrays.copyOf(accountReasons, grown);
        }
        claims[size] = point.minute();
        targets[size] = index;
        found[size] = point;
        accountReasons[size] = accountReason;
        size++;
        claimedOnDay[point.day()]++;
        if (point.day() < Planner.LOAD_DAYS) {
            loadFirstDays++;
        }
        nextKnown = false;
    }

    /** The next point as an available slot (for the available-slot question), with why it is that minute. */
    Slot slot() {
        Next point = next();
        List<String> why = new ArrayList<>();
        why.add(windowAt(point.day(), point.minute()).text());
        if (point.skip() != null) {
            why.add(skipText(point));
        }
        why.add(causeText(point));
        return new Slot(account.id(), Instant.ofEpochSecond(point.minute() * 60), String.join("; ", why));
    }

    private Next search(long from, Cause startCause, long startSecond) {
        long t = Math.max(from, calendar.firstMinute());
        Cause cause = startCause;
        long causeSecond = startSecond;
        Skip skip = null;
        int skipDay = 0;
        long gapSeconds = gap * 60L;
        while (t <= calendar.lastMinute()) {
            int day = calendar.dayIndex(t);
            if (postsOnDay(day) >= cap) {
                skip = Skip.CAP;
                skipDay = day;
                t = calendar.dayFirstMinute(day + 1);
                cause = null;
                continue;
            }
            Piece window = calendar.pieceAtOrAfter(day, t);
            if (window == null) {
                skip = calendar.hasWindowTime(day) ? Skip.WINDOWS_FULL : Skip.NO_WINDOW;
                skipDay = day;
                t = calendar.dayFirstMinute(day + 1);
                cause = null;
                continue;
            }
            if (t < window.first()) {
                t = window.first();
                cause = null;
            }
            int blocking = lowerBound(t * 60 - gapSeconds + 1);
            if (blocking < occupied.length && occupied[blocking] < t * 60 + gapSeconds) {
                t = PlanningCalendar.ceilDiv(occupied[blocking] + gapSeconds, 60);
                cause = Cause.GAP_FROM_POST;
                causeSecond = occupied[blocking];
                continue;
            }
            if (cause == null) {
                cause = window.window() == null ? Cause.DAY_START : Cause.WINDOW_START;
            }
            return new Next(t, day, skip, skipDay, cause, causeSecond);
        }
        return null;
    }

    private String skipText(Next point) {
        String day = Reasons.day(calendar.date(point.skipDay()));
        return "next free day: " + switch (point.skip()) {
            case CAP -> "the daily cap of " + cap + " on " + day + " is used";
            case WINDOWS_FULL -> "no free minute left in the windows of " + day;
            case NO_WINDOW -> "no posting window on " + day;
        };
    }

    private String causeText(Next point) {
        return switch (point.cause()) {
            case NOT_BEFORE -> "the first free minute at or after not_before";
            case AFTER_PREVIOUS -> "the " + gap + "-minute gap after the one before it at " + calendar.time(point.causeSecond());
            case WINDOW_START -> "the window's first free minute";
            case DAY_START -> "the first free minute of the day";
            case GAP_FROM_POST -> "after the " + gap + "-minute gap from a post at " + calendar.time(point.causeSecond());
        };
    }

    /** Moves each day's claimed posts to their final minutes (see the class comment) and writes their placements. */
    void layout(Placement[] into, BestTimes bestTimes) {
        int i = 0;
        while (i < size) {
            int day = calendar.dayIndex(claims[i]);
            int j = i;
            while (j + 1 < size && calendar.dayIndex(claims[j + 1]) == day) {
                j++;
            }
            layoutDay(day, i, j, into, bestTimes);
            i = j + 1;
        }
    }

    private void layoutDay(int day, int from, int to, Placement[] into, BestTimes bestTimes) {
        int count = to - from + 1;
        long upper = to + 1 < size ? claims[to + 1] - gap : Long.MAX_VALUE;
        List<Piece> free = free(day, upper);
        long[] latest = new long[count];
        latest[count - 1] = lastFreeAtOrBefore(free, Long.MAX_VALUE);
        for (int m = count - 2; m >= 0; m--) {
            latest[m] = lastFreeAtOrBefore(free, latest[m + 1] - gap);
        }
        for (int m = 0; m < count; m++) {
            if (latest[m] < claims[from + m]) {
                throw new IllegalStateException("Planner bug: no room for post " + m + " on day " + day + " of " + id);
            }
        }
        List<Piece> span = clip(free, claims[from], latest[count - 1]);
        long total = 0;
        for (Piece piece : span) {
            total += piece.length();
        }
        boolean neutral = bestTimes.isNeutral();
        Aim[] aims = new Aim[count];
        long[] wanted = new long[count];
        for (int m = 0; m < count; m++) {
            long partFrom = total * m / count;
            long partTo = Math.max(partFrom + 1, total * (m + 1) / count);
            aims[m] = aim(day, span, partFrom, Math.min(partTo, total), neutral, bestTimes, count, m);
            wanted[m] = aims[m].minute + (long) run.staggerIndex(targets[from + m]) * Planner.STAGGER_MINUTES;
        }
        // Each post as near its aim as the gap to the one before allows (forward), and to the one after (backward);
        // aiming at the average of the two evens out a day too tight for every aim: both keep the gap, so their
        // average does too, and the final forward pass stays within each post's earliest and latest minute.
        long[] forward = new long[count];
        long previous = Long.MIN_VALUE;
        for (int m = 0; m < count; m++) {
            long low = previous == Long.MIN_VALUE ? claims[from + m] : Math.max(claims[from + m], previous + gap);
            forward[m] = nearestFree(free, Math.min(Math.max(wanted[m], low), latest[m]), low, latest[m]);
            previous = forward[m];
        }
        long[] balanced = new long[count];
        long following = Long.MAX_VALUE;
        for (int m = count - 1; m >= 0; m--) {
            long high = following == Long.MAX_VALUE ? latest[m] : Math.min(latest[m], following - gap);
            long backward = nearestFree(free, Math.min(Math.max(wanted[m], claims[from + m]), high), claims[from + m], high);
            balanced[m] = Math.floorDiv(forward[m] + backward, 2);
            following = backward;
        }
        previous = Long.MIN_VALUE;
        for (int m = 0; m < count; m++) {
            int slot = from + m;
            Aim aim = aims[m];
            int staggerIndex = run.staggerIndex(targets[slot]);
            long low = previous == Long.MIN_VALUE ? claims[slot] : Math.max(claims[slot], previous + gap);
            long high = latest[m];
            long clamped = Math.min(Math.max(balanced[m], low), high);
            long chosen = nearestFree(free, clamped, low, high);
            String shift = null;
            if (chosen == wanted[m]) {
                shift = edgeOfGap(chosen);
            } else if (wanted[m] < low) {
                shift = previous != Long.MIN_VALUE && low == previous + gap && low > claims[slot]
                        ? gap + " minutes after the previous post at " + calendar.time(previous * 60)
                        : causeText(found[slot]);
            } else if (wanted[m] > high) {
                shift = "the latest minute that leaves room for the posts after it";
            } else if (balanced[m] != wanted[m]) {
                shift = "evened out with the day's other posts to keep the " + gap + "-minute gap";
            } else {
                int blocking = lowerBound(clamped * 60 - gap * 60L + 1);
                boolean blocked = blocking < occupied.length && occupied[blocking] < clamped * 60 + gap * 60L;
                shift = blocked ? (chosen > clamped ? "after" : "before") + " the " + gap + "-minute gap around a post at "
                        + calendar.time(occupied[blocking]) : "the nearest free minute in a window";
            }
            List<String> why = new ArrayList<>();
            why.add(windowAt(day, chosen).text());
            if (found[slot].skip() != null) {
                why.add(skipText(found[slot]));
            }
            why.add(aim.reason);
            if (shift != null) {
                why.add(shift);
            }
            if (staggerIndex > 0) {
                why.add("staggered " + staggerIndex * Planner.STAGGER_MINUTES + " minutes after the video's first platform");
            }
            if (accountReasons[slot] != null) {
                why.add(accountReasons[slot]);
            }
            int index = targets[slot];
            into[index] = new Placement(index, run.targets().get(index), account.id(), Instant.ofEpochSecond(chosen * 60),
                    String.join("; ", why));
            previous = chosen;
        }
    }

    private record Aim(long minute, String reason) {
    }

    /** When the minute right before or after the chosen one is inside the gap around an occupied instant, says so. */
    private String edgeOfGap(long minute) {
        if (gap == 0) {
            return null;
        }
        long gapSeconds = gap * 60L;
        int after = lowerBound(minute * 60);
        if (after > 0 && (minute - 1) * 60 - occupied[after - 1] < gapSeconds) {
            return "right after the " + gap + "-minute gap from a post at " + calendar.time(occupied[after - 1]);
        }
        if (after < occupied.length && occupied[after] - (minute + 1) * 60 < gapSeconds) {
            return "right before the " + gap + "-minute gap to a post at " + calendar.time(occupied[after]);
        }
        return null;
    }

    /** Where the post of part {@code m} aims: its part's best hour, or the part's middle when there is no preference. */
    private Aim aim(int day, List<Piece> span, long partFrom, long partTo, boolean neutral, BestTimes bestTimes, int count, int m) {
        String spread = count == 1 ? "middle of the day's free window time"
                : "evenly spaced, " + (m + 1) + " of " + count + " posts on this account that day";
        long middle = minuteAt(span, (partFrom + partTo) / 2);
        if (neutral) {
            return new Aim(middle, spread);
        }
        List<HourRun> runs = new ArrayList<>();
        long position = 0;
        for (Piece piece : span) {
            long first = Math.max(piece.first(), piece.first() + partFrom - position);
            long last = Math.min(piece.last(), piece.first() + partTo - 1 - position);
            if (first <= last) {
                calendar.hourRuns(day, first, last, bestTimes, runs);
            }
            position += piece.length();
        }
        double best = Double.NEGATIVE_INFINITY;
        double worst = Double.POSITIVE_INFINITY;
        for (HourRun hourRun : runs) {
            best = Math.max(best, hourRun.score());
            worst = Math.min(worst, hourRun.score());
        }
        if (best == worst) {
            return new Aim(middle, spread);
        }
        HourRun chosen = null;
        for (HourRun hourRun : runs) {
            if (hourRun.score() == best && (chosen == null
                    || Math.abs(hourRun.first() - middle) < Math.abs(chosen.first() - middle))) {
                chosen = hourRun;
            }
        }
        String preferred = "best time " + Reasons.day(chosen.day()) + " " + Reasons.twoDigits(chosen.hour()) + ":00-"
                + Reasons.twoDigits((chosen.hour() + 1) % 24) + ":00";
        return new Aim(chosen.first(), count == 1 ? preferred : spread + ", " + preferred);
    }

    /** The day's window time within the range, less the gap around occupied instants, cut at {@code upper}. */
    private List<Piece> free(int day, long upper) {
        List<Piece> result = new ArrayList<>();
        long gapSeconds = gap * 60L;
        for (Piece window : calendar.pieces(day)) {
            long current = window.first();
            long end = Math.min(window.last(), upper);
            int i = lowerBound(current * 60 - gapSeconds + 1);
            while (current <= end && i < occupied.length) {
                long blockFirst = Math.floorDiv(occupied[i] - gapSeconds, 60) + 1;
                long blockLast = PlanningCalendar.ceilDiv(occupied[i] + gapSeconds, 60) - 1;
                if (blockFirst > end) {
                    break;
                }
                if (blockFirst <= blockLast && blockLast >= current) {
                    if (blockFirst > current) {
                        result.add(new Piece(current, blockFirst - 1, window.window(), window.text()));
                    }
                    current = Math.max(current, blockLast + 1);
                }
                i++;
            }
            if (current <= end) {
                result.add(new Piece(current, end, window.window(), window.text()));
            }
        }
        return result;
    }

    private static long lastFreeAtOrBefore(List<Piece> free, long minute) {
        for (int i = free.size() - 1; i >= 0; i--) {
            Piece piece = free.get(i);
            if (piece.first() <= minute) {
                return Math.min(piece.last(), minute);
            }
        }
        return Long.MIN_VALUE;
    }

    private static List<Piece> clip(List<Piece> free, long first, long last) {
        List<Piece> result = new ArrayList<>();
        for (Piece piece : free) {
            long from = Math.max(piece.first(), first);
            long to = Math.min(piece.last(), last);
            if (from <= to) {
                result.add(new Piece(from, to, piece.window(), piece.text()));
            }
        }
        return result;
    }

    /** The minute at {@code position} (0-based) along the pieces laid end to end. */
    private static long minuteAt(List<Piece> span, long position) {
        long rest = Math.max(0, position);
        for (Piece piece : span) {
            if (rest < piece.length()) {
                return piece.first() + rest;
            }
            rest -= piece.length();
        }
        return span.get(span.size() - 1).last();
    }

    /** The free minute within [low, high] nearest to {@code target} (the earlier one on a tie). */
    private static long nearestFree(List<Piece> free, long target, long low, long high) {
        long best = Long.MIN_VALUE;
        long bestDistance = Long.MAX_VALUE;
        for (Piece piece : free) {
            long from = Math.max(piece.first(), low);
            long to = Math.min(piece.last(), high);
            if (from > to) {
                continue;
            }
            long candidate = Math.min(Math.max(target, from), to);
            long distance = Math.abs(candidate - target);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    private Piece windowAt(int day, long minute) {
        for (Piece piece : calendar.pieces(day)) {
            if (piece.first() <= minute && minute <= piece.last()) {
                return piece;
            }
        }
        throw new IllegalStateException("Planner bug: minute " + minute + " lies in no window");
    }

    /** The index of the first occupied instant at or after {@code second}. */
    private int lowerBound(long second) {
        int low = 0;
        int high = occupied.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (occupied[mid] < second) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}

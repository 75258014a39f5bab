package dev.syndicast.planning.entity;

import dev.syndicast.core.entity.InvalidInputException;

import java.time.DayOfWeek;
import java.util.Arrays;

/**
 * How good each hour of the week is for posting on one platform, in the workspace's local time: a score per day of
 * week and hour (higher is better; only the order matters). The planner prefers the best-scoring hours inside the
 * free window time; scores never override a window, cap or gap. All scores equal (as in {@link #neutral()}) means no
 * preference.
 */
public final class BestTimes {

    private static final BestTimes NEUTRAL = new BestTimes(new double[7 * 24]);

    private final double[] scores;

    private BestTimes(double[] scores) {
        this.scores = scores;
    }

    public static BestTimes neutral() {
        return NEUTRAL;
    }

    /** Scores indexed by {@code (day.getValue() - 1) * 24 + hour}, Monday 00:00 first; 168 of them, none negative. */
    public static BestTimes of(double[] scores) {
        if (scores == null || scores.length != 7 * 24) {
            throw new InvalidInputException("Best times need 168 scores (7 days x 24 hours)");
        }
        for (double score : scores) {
            if (!(score >= 0) || Double.isInfinite(score)) {
                throw new InvalidInputException("Best-time scores must be finite and not negative");
            }
        }
        return new BestTimes(scores.clone());
    }

    /** These scores with {@code score} for the hours {@code fromHour} (inclusive) to {@code toHour} (exclusive) of the days. */
    public BestTimes with(double score, int fromHour, int toHour, DayOfWeek... days) {
        if (!(score >= 0) || Double.isInfinite(score) || fromHour < 0 || toHour > 24 || fromHour > toHour) {
            throw new InvalidInputException("Best times: a score of at least 0 for hours within 0-24");
        }
        double[] scores = this.scores.clone();
        for (DayOfWeek day : days) {
            for (int hour = fromHour; hour < toHour; hour++) {
                scores[index(day, hour)] = score;
            }
        }
        return new BestTimes(scores);
    }

    public double score(DayOfWeek day, int hour) {
        return scores[index(day, hour)];
    }

    public boolean isNeutral() {
        double first = scores[0];
        for (double score : scores) {
            if (score != first) {
                return false;
            }
        }
        return true;
    }

    private static int index(DayOfWeek day, int hour) {
        return (day.getValue() - 1) * 24 + hour;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BestTimes other && Arrays.equals(scores, other.scores);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(scores);
    }
}

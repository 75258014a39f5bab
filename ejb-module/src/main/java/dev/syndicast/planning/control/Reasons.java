package dev.syndicast.planning.control;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.zone.ZoneRules;

/**
 * How reasons and failures write times: local {@code HH:mm} and days as {@code Thu 2026-12-03}. Written by hand rather
 * than with a formatter because a plan of thousands of targets writes a few of them per target.
 */
final class Reasons {

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    private Reasons() {
    }

    static String time(ZoneRules zone, long epochSecond) {
        long local = epochSecond + zone.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
        int minuteOfDay = (int) Math.floorMod(Math.floorDiv(local, 60), 1440);
        return twoDigits(minuteOfDay / 60) + ":" + twoDigits(minuteOfDay % 60);
    }

    static String day(LocalDate date) {
        return DAYS[date.getDayOfWeek().ordinal()] + " " + date;
    }

    static String day(DayOfWeek day) {
        return DAYS[day.ordinal()];
    }

    static String twoDigits(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }
}

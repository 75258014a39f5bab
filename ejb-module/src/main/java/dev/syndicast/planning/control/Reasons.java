package dev.syndicast.planning.control;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/** How reasons and failures write times: local {@code HH:mm} and days as {@code Thu 2026-12-03}. */
final class Reasons {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private Reasons() {
    }

    static String time(ZoneId zone, long epochSecond) {
        return CLOCK.format(Instant.ofEpochSecond(epochSecond).atZone(zone));
    }

    static String day(LocalDate date) {
        return date.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + date;
    }
}

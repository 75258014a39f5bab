package dev.syndicast.planning.entity;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.tenancy.entity.PostingWindow;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * A weekly posting window in the workspace's local time: posts may go out from {@code start} (inclusive) to {@code end}
 * (exclusive) on {@code day}. A plain copy of the workspace's {@link PostingWindow} so the planner needs no entity.
 */
public record Window(DayOfWeek day, LocalTime start, LocalTime end) {

    public Window {
        if (day == null || start == null || end == null) {
            throw new InvalidInputException("A posting window needs day, start and end");
        }
        if (!start.isBefore(end)) {
            throw new InvalidInputException("A posting window must start before it ends (" + start + " - " + end + ")");
        }
    }

    public static Window of(PostingWindow window) {
        return new Window(window.day(), window.start(), window.end());
    }

    public boolean overlaps(Window other) {
        return day == other.day && start.isBefore(other.end) && other.start.isBefore(end);
    }

    /** As reasons name it: {@code Mon 09:00-17:00}. */
    public String label() {
        return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + start + "-" + end;
    }
}

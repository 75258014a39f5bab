package dev.syndicast.tenancy.entity;

import dev.syndicast.core.entity.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Objects;

/** A weekly slot, in the workspace's time zone, in which scheduling may place posts. */
@Embeddable
public class PostingWindow {

    @Enumerated(EnumType.STRING)
    @Column(name = "day_of_week", nullable = false, length = 9)
    private DayOfWeek day;

    @Column(name = "start_time", nullable = false)
    private LocalTime start;

    @Column(name = "end_time", nullable = false)
    private LocalTime end;

    protected PostingWindow() {
        // JPA
    }

    public PostingWindow(DayOfWeek day, LocalTime start, LocalTime end) {
        if (day == null || start == null || end == null) {
            throw new InvalidInputException("A posting window needs day, start and end");
        }
        if (!start.isBefore(end)) {
            throw new InvalidInputException("A posting window must start before it ends (" + start + " - " + end + ")");
        }
        this.day = day;
        this.start = start;
        this.end = end;
    }

    public boolean overlaps(PostingWindow other) {
        return day == other.day && start.isBefore(other.end) && other.start.isBefore(end);
    }

    public DayOfWeek day() { return day; }
    public LocalTime start() { return start; }
    public LocalTime end() { return end; }

    @Override
    public boolean equals(Object o) {
        return o instanceof PostingWindow w && day == w.day && start.equals(w.start) && end.equals(w.end);
    }

    @Override
    public int hashCode() {
        return Objects.hash(day, start, end);
    }
}

package dev.syndicast.campaigns.entity;

import dev.syndicast.core.control.JsonMembers;
import dev.syndicast.core.entity.InvalidFieldException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How often a campaign's posts go out when they follow a cadence rather than the calendar: {@code postsPerDay} posts on
 * each of {@code daysOfWeek} (0 = Sunday .. 6 = Saturday), the day's posts aiming at the first {@code postsPerDay} of
 * {@code hours} (local times, in the run's time zone). Any part may be missing: a campaign's default cadence, a run's
 * cadence and {@link #DEFAULT} are laid over each other ({@link #over}) and the result is checked as a whole
 * ({@link #complete}).
 */
public record Cadence(Integer postsPerDay, List<LocalTime> hours, List<Integer> daysOfWeek) {

    public static final int MAX_POSTS_PER_DAY = 24;
    static final List<String> MEMBERS = List.of("posts_per_day", "hours", "days_of_week");
    private static final Pattern HOUR = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    /** One post at 09:00 on Monday, Wednesday and Friday; posts_per_day, when no one names it, is the number of hours. */
    public static final Cadence DEFAULT = new Cadence(null, List.of(LocalTime.of(9, 0)), List.of(1, 3, 5));

    public Cadence {
        if (postsPerDay != null && (postsPerDay < 1 || postsPerDay > MAX_POSTS_PER_DAY)) {
            throw new InvalidFieldException("cadence.posts_per_day", "must be from 1 to " + MAX_POSTS_PER_DAY);
        }
        if (hours != null) {
            if (hours.isEmpty() || hours.size() > MAX_POSTS_PER_DAY || new LinkedHashSet<>(hours).size() != hours.size()) {
                throw new InvalidFieldException("cadence.hours", "must name 1 to " + MAX_POSTS_PER_DAY + " different times");
            }
            hours = hours.stream().sorted().toList();
        }
        if (daysOfWeek != null) {
            if (daysOfWeek.isEmpty() || new LinkedHashSet<>(daysOfWeek).size() != daysOfWeek.size()
                    || daysOfWeek.stream().anyMatch(d -> d == null || d < 0 || d > 6)) {
                throw new InvalidFieldException("cadence.days_of_week", "must name 1 to 7 different days from 0 (Sunday) to 6 (Saturday)");
            }
            daysOfWeek = daysOfWeek.stream().sorted().toList();
        }
    }

    /** This cadence's parts, and {@code base}'s where this one has none. */
    public Cadence over(Cadence base) {
        if (base == null) {
            return this;
        }
        return new Cadence(postsPerDay != null ? postsPerDay : base.postsPerDay, hours != null ? hours : base.hours,
                daysOfWeek != null ? daysOfWeek : base.daysOfWeek);
    }

    /**
     * Every part filled ({@link #DEFAULT} underneath; posts_per_day defaults to the number of hours), and as many hours
     * as posts a day.
     */
    public Cadence complete() {
        Cadence full = over(DEFAULT);
        int perDay = full.postsPerDay != null ? full.postsPerDay : full.hours.size();
        if (perDay > full.hours.size()) {
            throw new InvalidFieldException("cadence.posts_per_day", perDay + " posts a day need " + perDay + " times in"
                    + " cadence.hours, which names " + full.hours.size());
        }
        return new Cadence(perDay, full.hours, full.daysOfWeek);
    }

    /** Whether the cadence posts on this day of the week. */
    public boolean postsOn(DayOfWeek day) {
        return daysOfWeek.contains(day.getValue() % 7);
    }

    /** A cadence as a client sends it, strictly (400 naming {@code field.member}); {@code null} reads as none. */
    public static Cadence fromJson(JsonValue value, String field) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        JsonObject cadence = JsonMembers.object(value, field);
        JsonMembers.onlyKnown(cadence, field, MEMBERS);
        Integer perDay = JsonMembers.integer(cadence, field, "posts_per_day", 1, MAX_POSTS_PER_DAY);
        List<LocalTime> hours = null;
        List<String> hourTexts = JsonMembers.strings(cadence, field, "hours", MAX_POSTS_PER_DAY, 5);
        if (hourTexts != null) {
            hours = new ArrayList<>();
            for (int i = 0; i < hourTexts.size(); i++) {
                String text = hourTexts.get(i);
                if (!HOUR.matcher(text).matches()) {
                    throw new InvalidFieldException(JsonMembers.path(field, "hours") + "[" + i + "]",
                            "must be a time of day from 00:00 to 23:59 as HH:mm (got '" + text + "')");
                }
                hours.add(LocalTime.parse(text));
            }
            if (hours.isEmpty() || new LinkedHashSet<>(hours).size() != hours.size()) {
                throw new InvalidFieldException(JsonMembers.path(field, "hours"), "must name 1 to " + MAX_POSTS_PER_DAY
                        + " different times");
            }
        }
        List<Integer> days = null;
        JsonArray dayArray = JsonMembers.array(cadence, field, "days_of_week", 7);
        if (dayArray != null) {
            days = new ArrayList<>();
            Set<Integer> seen = new LinkedHashSet<>();
            for (int i = 0; i < dayArray.size(); i++) {
                Integer day = JsonMembers.integer(dayArray.get(i), JsonMembers.path(field, "days_of_week") + "[" + i + "]", 0, 6);
                if (day == null || !seen.add(day)) {
                    throw new InvalidFieldException(JsonMembers.path(field, "days_of_week") + "[" + i + "]",
                            day == null ? "must be a day from 0 (Sunday) to 6 (Saturday)" : "names day " + day + " twice");
                }
                days.add(day);
            }
            if (days.isEmpty()) {
                throw new InvalidFieldException(JsonMembers.path(field, "days_of_week"), "must name at least one day from 0 (Sunday)"
                        + " to 6 (Saturday)");
            }
        }
        if (perDay != null && hours != null && perDay > hours.size()) {
            throw new InvalidFieldException(JsonMembers.path(field, "posts_per_day"), perDay + " posts a day need " + perDay
                    + " times in " + JsonMembers.path(field, "hours") + ", which names " + hours.size());
        }
        return new Cadence(perDay, hours, days);
    }

    /** The parts given, as the API shows them ({@code null} for a missing part). */
    public JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder();
        if (postsPerDay == null) {
            json.addNull("posts_per_day");
        } else {
            json.add("posts_per_day", postsPerDay);
        }
        if (hours == null) {
            json.addNull("hours");
        } else {
            JsonArrayBuilder list = Json.createArrayBuilder();
            hours.forEach(h -> list.add(h.toString()));
            json.add("hours", list);
        }
        if (daysOfWeek == null) {
            json.addNull("days_of_week");
        } else {
            JsonArrayBuilder list = Json.createArrayBuilder();
            daysOfWeek.forEach(list::add);
            json.add("days_of_week", list);
        }
        return json.build();
    }
}

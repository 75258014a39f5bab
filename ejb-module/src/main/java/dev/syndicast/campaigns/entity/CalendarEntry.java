package dev.syndicast.campaigns.entity;

import dev.syndicast.core.control.JsonMembers;
import dev.syndicast.core.entity.InvalidFieldException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One day-level entry of a campaign's calendar: the campaign's day number, its date, the content pillar it serves, its
 * channel ({@code blog}, {@code video}, {@code social}), its format and title, and the campaign week. The calendar is a
 * flat list of these; a nested shape ({@code [{"week": 1, "slots": [...]}]}) is refused naming the nested member, since
 * clients that read the calendar expect one flat object per entry.
 *
 * @param day     the campaign's day number, from 1
 * @param date    the day's date (ISO {@code yyyy-MM-dd})
 * @param channel required; blog entries take no post when the campaign is scheduled
 */
public record CalendarEntry(int day, LocalDate date, String pillarId, Channel channel, String format, String title, Integer week) {

    public static final int MAX_ENTRIES = 1000;
    static final int MAX_DAY = 3660;
    static final int MAX_WEEK = 523;
    static final int MAX_LABEL = 100;
    static final int MAX_TITLE = 500;
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(9999, 12, 31);
    static final List<String> MEMBERS = List.of("day", "date", "pillar_id", "channel", "format", "title", "week");
    private static final String FLAT = "a calendar is a flat array of day entries {day, date, pillar_id, channel, format, title,"
            + " week}; put each nested entry into the array itself";

    public CalendarEntry {
        if (day < 1 || day > MAX_DAY) {
            throw new InvalidFieldException("day", "must be from 1 to " + MAX_DAY);
        }
        if (date == null || date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw new InvalidFieldException("date", "must be a date from " + EARLIEST + " to " + LATEST);
        }
        if (channel == null) {
            throw new InvalidFieldException("channel", "is required");
        }
        if (week != null && (week < 1 || week > MAX_WEEK)) {
            throw new InvalidFieldException("week", "must be from 1 to " + MAX_WEEK);
        }
    }

    /**
     * A calendar as a client sends it: an array of at most {@value #MAX_ENTRIES} flat entries, checked member by member
     * (400 naming {@code calendar[i].member}); {@code null} reads as no calendar.
     */
    public static List<CalendarEntry> listFromJson(JsonValue value, String field) {
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw new InvalidFieldException(field, "must be an array of day entries, not " + JsonMembers.kind(value));
        }
        if (array.size() > MAX_ENTRIES) {
            throw new InvalidFieldException(field, "has " + array.size() + " entries; at most " + MAX_ENTRIES);
        }
        List<CalendarEntry> entries = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            entries.add(fromJson(array.get(i), field + "[" + i + "]"));
        }
        return List.copyOf(entries);
    }

    /** One entry, strictly: only the seven members, each of its kind; day, date and channel required. */
    public static CalendarEntry fromJson(JsonValue value, String field) {
        JsonObject entry = JsonMembers.object(value, field);
        for (String name : entry.keySet()) {
            JsonValue member = entry.get(name);
            boolean nested = member instanceof JsonArray || member instanceof JsonObject;
            if (nested && !MEMBERS.contains(name)) {
                throw new InvalidFieldException(JsonMembers.path(field, name), FLAT);
            }
        }
        JsonMembers.onlyKnown(entry, field, MEMBERS);
        Integer day = JsonMembers.integer(entry, field, "day", 1, MAX_DAY);
        if (day == null) {
            throw new InvalidFieldException(JsonMembers.path(field, "day"), "is required (the campaign's day number, from 1)");
        }
        String dateText = JsonMembers.string(entry, field, "date", 10);
        if (dateText == null) {
            throw new InvalidFieldException(JsonMembers.path(field, "date"), "is required (yyyy-MM-dd)");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(dateText);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(JsonMembers.path(field, "date"), "must be a date like 2026-05-12 (got '" + dateText + "')");
        }
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw new InvalidFieldException(JsonMembers.path(field, "date"), "must be a date from " + EARLIEST + " to " + LATEST);
        }
        String channelText = JsonMembers.string(entry, field, "channel", 20);
        if (channelText == null) {
            throw new InvalidFieldException(JsonMembers.path(field, "channel"), "is required (blog, video or social)");
        }
        Channel channel = Channel.fromWire(channelText).orElseThrow(() -> new InvalidFieldException(
                JsonMembers.path(field, "channel"), "must be one of " + String.join(", ",
                        Arrays.stream(Channel.values()).map(Channel::wire).toList()) + " (got '" + channelText + "')"));
        return new CalendarEntry(day, date, blankToNull(JsonMembers.string(entry, field, "pillar_id", MAX_LABEL)), channel,
                blankToNull(JsonMembers.string(entry, field, "format", MAX_LABEL)),
                blankToNull(JsonMembers.string(entry, field, "title", MAX_TITLE)),
                JsonMembers.integer(entry, field, "week", 1, MAX_WEEK));
    }

    /** The entry as the API shows it: every member, {@code null} where none was given. */
    public JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder().add("day", day).add("date", date.toString());
        nullable(json, "pillar_id", pillarId);
        json.add("channel", channel.wire());
        nullable(json, "format", format);
        nullable(json, "title", title);
        if (week == null) {
            json.addNull("week");
        } else {
            json.add("week", week);
        }
        return json.build();
    }

    public static JsonArray toJson(List<CalendarEntry> entries) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        entries.forEach(e -> array.add(e.toJson()));
        return array.build();
    }

    private static void nullable(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

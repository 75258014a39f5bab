package dev.syndicast.campaigns.entity;

import dev.syndicast.core.entity.InvalidFieldException;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The calendar's strict wire shape: a flat array of day entries, every member checked, the field named on refusal. */
class CalendarEntryTest {

    private static JsonValue json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    private static List<CalendarEntry> calendar(String text) {
        return CalendarEntry.listFromJson(json(text), "calendar");
    }

    @Test
    void aFlatCalendarIsReadAndWrittenBackAsGiven() {
        String text = """
                [{"day": 1, "date": "2026-05-12", "pillar_id": "p1", "channel": "social", "format": "carousel", "title": "Kick-off", "week": 1},
                 {"day": 2, "date": "2026-05-13", "channel": "blog"}]""";
        List<CalendarEntry> entries = calendar(text);

        assertThat(entries).containsExactly(
                new CalendarEntry(1, LocalDate.of(2026, 5, 12), "p1", Channel.SOCIAL, "carousel", "Kick-off", 1),
                new CalendarEntry(2, LocalDate.of(2026, 5, 13), null, Channel.BLOG, null, null, null));
        assertThat(CalendarEntry.listFromJson(CalendarEntry.toJson(entries), "calendar")).isEqualTo(entries);
        assertThat(CalendarEntry.toJson(entries).getJsonObject(1).keySet())
                .containsExactly("day", "date", "pillar_id", "channel", "format", "title", "week");
    }

    @Test
    void aNestedWeekWithSlotsIsRefusedNamingTheNestedMember() {
        assertThatThrownBy(() -> calendar("[{\"week\": 1, \"slots\": [{\"day\": 1, \"date\": \"2026-05-12\", \"channel\": \"social\"}]}]"))
                .isInstanceOf(InvalidFieldException.class)
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo("calendar[0].slots"))
                .hasMessageContaining("a calendar is a flat array of day entries {day, date, pillar_id, channel, format, title, week}");
    }

    @Test
    void everyMemberIsCheckedAndNamed() {
        assertRefused("[{\"day\": 1, \"date\": \"2026-05-12\", \"channel\": \"social\", \"topic\": \"x\"}]", "calendar[0].topic");
        assertRefused("[{\"date\": \"2026-05-12\", \"channel\": \"social\"}]", "calendar[0].day");
        assertRefused("[{\"day\": 0, \"date\": \"2026-05-12\", \"channel\": \"social\"}]", "calendar[0].day");
        assertRefused("[{\"day\": \"one\", \"date\": \"2026-05-12\", \"channel\": \"social\"}]", "calendar[0].day");
        assertRefused("[{\"day\": 1, \"date\": \"12/05/2026\", \"channel\": \"social\"}]", "calendar[0].date");
        assertRefused("[{\"day\": 1, \"date\": \"2026-02-30\", \"channel\": \"social\"}]", "calendar[0].date");
        assertRefused("[{\"day\": 1, \"date\": \"2026-05-12\", \"channel\": \"podcast\"}]", "calendar[0].channel");
        assertRefused("[{\"day\": 1, \"date\": \"2026-05-12\"}]", "calendar[0].channel");
        assertRefused("[{\"day\": 1, \"date\": \"2026-05-12\", \"channel\": \"social\", \"week\": 0}]", "calendar[0].week");
        assertRefused("[{\"day\": 1, \"date\": \"2026-05-12\", \"channel\": \"social\", \"title\": 5}]", "calendar[0].title");
        assertRefused("[{\"day\": 1, \"date\": \"2026-05-12\", \"channel\": \"social\"}, 3]", "calendar[1]");
        assertRefused("{\"day\": 1}", "calendar");
    }

    @Test
    void nullIsNoCalendarAndMoreThanAThousandEntriesAreRefused() {
        assertThat(CalendarEntry.listFromJson(JsonValue.NULL, "calendar")).isEmpty();
        String entry = "{\"day\": 1, \"date\": \"2026-05-12\", \"channel\": \"social\"}";
        assertRefused("[" + String.join(",", java.util.Collections.nCopies(1001, entry)) + "]", "calendar");
    }

    private static void assertRefused(String text, String field) {
        assertThatThrownBy(() -> calendar(text)).as(text).isInstanceOf(InvalidFieldException.class)
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo(field));
    }
}

package dev.syndicast.campaigns.entity;

import dev.syndicast.core.entity.InvalidFieldException;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CadenceTest {

    private static Cadence cadence(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return Cadence.fromJson(reader.readValue(), "cadence");
        }
    }

    @Test
    void theDefaultIsOnePostAtNineOnMondayWednesdayAndFriday() {
        Cadence full = new Cadence(null, null, null).complete();
        assertThat(full).isEqualTo(new Cadence(1, List.of(LocalTime.of(9, 0)), List.of(1, 3, 5)));
        assertThat(full.postsOn(DayOfWeek.MONDAY)).isTrue();
        assertThat(full.postsOn(DayOfWeek.TUESDAY)).isFalse();
        assertThat(full.postsOn(DayOfWeek.SUNDAY)).isFalse();
    }

    @Test
    void partsAreLaidOverEachOtherAndPostsPerDayDefaultsToTheNumberOfHours() {
        Cadence campaign = cadence("{\"hours\": [\"15:00\", \"09:30\"], \"days_of_week\": [0, 6]}");
        Cadence run = cadence("{\"days_of_week\": [2]}");
        Cadence full = run.over(campaign).complete();
        assertThat(full.postsPerDay()).isEqualTo(2);
        assertThat(full.hours()).as("sorted").containsExactly(LocalTime.of(9, 30), LocalTime.of(15, 0));
        assertThat(full.daysOfWeek()).containsExactly(2);
        assertThat(cadence("{\"posts_per_day\": 1}").over(campaign).complete().postsPerDay()).isEqualTo(1);
        assertThat(Cadence.fromJson(JsonValue.NULL, "cadence")).isNull();
        assertThat(cadence(full.toJson().toString())).isEqualTo(full);
    }

    @Test
    void morePostsADayThanHoursAreRefusedOnceTheCadenceIsComplete() {
        assertThatThrownBy(() -> cadence("{\"posts_per_day\": 3}").complete()).isInstanceOf(InvalidFieldException.class)
                .hasMessage("cadence.posts_per_day: 3 posts a day need 3 times in cadence.hours, which names 1");
        assertRefused("{\"posts_per_day\": 2, \"hours\": [\"09:00\"]}", "cadence.posts_per_day");
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        assertRefused("{\"posts_per_day\": 0}", "cadence.posts_per_day");
        assertRefused("{\"posts_per_day\": 1000000}", "cadence.posts_per_day");
        assertRefused("{\"posts_per_day\": 1.5}", "cadence.posts_per_day");
        assertRefused("{\"hours\": [\"25:00\"]}", "cadence.hours[0]");
        assertRefused("{\"hours\": [\"09:00\", \"9:30\"]}", "cadence.hours[1]");
        assertRefused("{\"hours\": [\"09:00\", \"09:00\"]}", "cadence.hours");
        assertRefused("{\"hours\": []}", "cadence.hours");
        assertRefused("{\"hours\": \"09:00\"}", "cadence.hours");
        assertRefused("{\"days_of_week\": [7]}", "cadence.days_of_week[0]");
        assertRefused("{\"days_of_week\": [-1]}", "cadence.days_of_week[0]");
        assertRefused("{\"days_of_week\": [1, 1]}", "cadence.days_of_week[1]");
        assertRefused("{\"days_of_week\": []}", "cadence.days_of_week");
        assertRefused("{\"postsPerDay\": 1}", "cadence.postsPerDay");
        assertRefused("[1]", "cadence");
    }

    private static void assertRefused(String text, String field) {
        assertThatThrownBy(() -> cadence(text)).as(text).isInstanceOf(InvalidFieldException.class)
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo(field));
    }
}

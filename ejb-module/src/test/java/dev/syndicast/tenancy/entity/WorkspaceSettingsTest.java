package dev.syndicast.tenancy.entity;

import dev.syndicast.core.entity.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkspaceSettingsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private final WorkspaceSettings settings = WorkspaceSettings.defaults(UUID.randomUUID(), NOW);

    @Test
    void defaults_are_utc_without_windows() {
        assertThat(settings.getTimezone()).isEqualTo("UTC");
        assertThat(settings.getPostingWindows()).isEmpty();
        assertThat(settings.getMinGapMinutes()).isEqualTo(WorkspaceSettings.DEFAULT_MIN_GAP_MINUTES);
    }

    @Test
    void a_valid_replacement_is_kept_with_windows_sorted() {
        PostingWindow tuesday = window(DayOfWeek.TUESDAY, "09:00", "11:00");
        PostingWindow monday = window(DayOfWeek.MONDAY, "17:00", "19:00");
        settings.update("Acme", "Ops@Acme.example", "https://acme.example", "Europe/Berlin", 30,
                List.of(tuesday, monday), NOW);
        assertThat(settings.getTimezone()).isEqualTo("Europe/Berlin");
        assertThat(settings.zone().getId()).isEqualTo("Europe/Berlin");
        assertThat(settings.getContactEmail()).isEqualTo("ops@acme.example");
        assertThat(settings.getPostingWindows()).containsExactly(monday, tuesday);
    }

    @Test
    void invalid_settings_are_refused_and_nothing_changes() {
        assertThatThrownBy(() -> settings.update(null, null, null, "Mars/Olympus", null, null, NOW))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("timezone");
        assertThatThrownBy(() -> settings.update(null, null, null, "UTC", -1, null, NOW))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> settings.update(null, null, "ftp://x", "UTC", null, null, NOW))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> settings.update(null, null, null, "UTC", null, List.of(
                window(DayOfWeek.MONDAY, "09:00", "11:00"), window(DayOfWeek.MONDAY, "10:00", "12:00")), NOW))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("overlap");
        assertThatThrownBy(() -> settings.update(null, null, null, "UTC", null,
                Collections.nCopies(WorkspaceSettings.MAX_WINDOWS + 1, window(DayOfWeek.MONDAY, "09:00", "10:00")), NOW))
                .isInstanceOf(InvalidInputException.class);
        assertThat(settings.getTimezone()).isEqualTo("UTC");
    }

    @Test
    void an_update_keeps_what_it_does_not_name() {
        PostingWindow monday = window(DayOfWeek.MONDAY, "17:00", "19:00");
        settings.update("Acme", "ops@acme.example", "https://acme.example", "Europe/Berlin", 30, List.of(monday), NOW);

        settings.update("Acme Ltd", null, null, null, null, null, NOW.plusSeconds(60));

        assertThat(settings.getDisplayName()).isEqualTo("Acme Ltd");
        assertThat(settings.getContactEmail()).isEqualTo("ops@acme.example");
        assertThat(settings.getWebsite()).isEqualTo("https://acme.example");
        assertThat(settings.getTimezone()).isEqualTo("Europe/Berlin");
        assertThat(settings.getMinGapMinutes()).isEqualTo(30);
        assertThat(settings.getPostingWindows()).containsExactly(monday);
        assertThat(settings.getUpdatedAt()).isEqualTo(NOW.plusSeconds(60));

        settings.update(null, "", "", null, null, List.of(), NOW);
        assertThat(settings.getContactEmail()).isNull();
        assertThat(settings.getWebsite()).isNull();
        assertThat(settings.getPostingWindows()).isEmpty();
        assertThat(settings.getTimezone()).isEqualTo("Europe/Berlin");
    }

    @Test
    void a_window_must_start_before_it_ends() {
        assertThatThrownBy(() -> window(DayOfWeek.FRIDAY, "12:00", "12:00")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new PostingWindow(null, LocalTime.NOON, LocalTime.MIDNIGHT))
                .isInstanceOf(InvalidInputException.class);
    }

    private static PostingWindow window(DayOfWeek day, String start, String end) {
        return new PostingWindow(day, LocalTime.parse(start), LocalTime.parse(end));
    }
}

package dev.syndicast.campaigns.entity;

import dev.syndicast.core.entity.ConflictException;
import dev.syndicast.core.entity.InvalidFieldException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CampaignTest {

    private static final Instant NOW = Instant.parse("2026-05-01T08:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(60);

    private static Campaign campaign() {
        return new Campaign(UUID.randomUUID(), new Campaign.Details("  Q2 launch ", "Spring", "b2b-saas", null, null, false),
                "key:tester", NOW);
    }

    private static Campaign.Details only(String name) {
        return new Campaign.Details(name, null, null, null, null, false);
    }

    @Test
    void aNewCampaignIsADraftWithItsNameTrimmedAndNoCalendar() {
        Campaign campaign = campaign();
        assertThat(campaign.getStatus()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(campaign.getName()).isEqualTo("Q2 launch");
        assertThat(campaign.getCalendar()).isEmpty();
        assertThat(campaign.getCadence()).isNull();
        assertThat(campaign.takesPosts()).isTrue();
    }

    @Test
    void aNameIsRequiredNotBlankAndAtMost200Characters() {
        assertThatThrownBy(() -> new Campaign(UUID.randomUUID(), only(null), null, NOW))
                .isInstanceOf(InvalidFieldException.class).hasMessage("name: is required");
        assertThatThrownBy(() -> new Campaign(UUID.randomUUID(), only("   "), null, NOW)).hasMessage("name: must not be blank");
        assertThatThrownBy(() -> campaign().edit(only("x".repeat(201)), LATER)).hasMessage("name: is longer than 200 characters");
    }

    @Test
    void draftGoesActiveThenArchivedAndBackToActiveButNeverToDraft() {
        Campaign campaign = campaign();
        campaign.moveTo(CampaignStatus.ACTIVE, LATER);
        assertThat(campaign.getStatus()).isEqualTo(CampaignStatus.ACTIVE);
        assertThat(campaign.getUpdatedAt()).isEqualTo(LATER);

        assertThatThrownBy(() -> campaign.moveTo(CampaignStatus.DRAFT, LATER)).isInstanceOf(ConflictException.class)
                .hasMessageEndingWith("is active and cannot return to draft; archive it when it is done");

        campaign.moveTo(CampaignStatus.ARCHIVED, LATER);
        assertThat(campaign.takesPosts()).isFalse();
        assertThatThrownBy(() -> campaign.moveTo(CampaignStatus.DRAFT, LATER))
                .hasMessageEndingWith("is archived and cannot return to draft; restore it with status active");

        campaign.moveTo(CampaignStatus.ACTIVE, LATER);
        assertThat(campaign.getStatus()).isEqualTo(CampaignStatus.ACTIVE);
        campaign.moveTo(CampaignStatus.ACTIVE, LATER);
        assertThat(campaign.getStatus()).as("asking for the status it has changes nothing").isEqualTo(CampaignStatus.ACTIVE);
    }

    @Test
    void aDraftMayBeArchivedAtOnce() {
        Campaign campaign = campaign();
        campaign.moveTo(CampaignStatus.ARCHIVED, LATER);
        assertThat(campaign.getStatus()).isEqualTo(CampaignStatus.ARCHIVED);
    }

    @Test
    void anArchivedCampaignIsReadOnlyUntilRestored() {
        Campaign campaign = campaign();
        campaign.moveTo(CampaignStatus.ARCHIVED, LATER);
        assertThatThrownBy(() -> campaign.edit(only("New"), LATER)).isInstanceOf(ConflictException.class)
                .hasMessageEndingWith("is archived: restore it (status active) before editing it");
        campaign.moveTo(CampaignStatus.ACTIVE, LATER);
        campaign.edit(only("New"), LATER);
        assertThat(campaign.getName()).isEqualTo("New");
    }

    @Test
    void editsChangeOnlyWhatTheyNameAndEmptyValuesClear() {
        Campaign campaign = campaign();
        CalendarEntry entry = new CalendarEntry(1, LocalDate.of(2026, 5, 12), "p1", Channel.SOCIAL, "carousel", "Kick-off", 1);
        Cadence cadence = new Cadence(1, List.of(LocalTime.of(10, 0)), List.of(2, 4));
        campaign.edit(new Campaign.Details(null, null, null, List.of(entry), cadence, false), LATER);
        assertThat(campaign.getName()).isEqualTo("Q2 launch");
        assertThat(campaign.getDescription()).isEqualTo("Spring");
        assertThat(campaign.getCalendar()).containsExactly(entry);
        assertThat(campaign.getCadence()).isEqualTo(cadence);

        campaign.edit(new Campaign.Details(null, "", " ", List.of(), null, true), LATER);
        assertThat(campaign.getDescription()).isNull();
        assertThat(campaign.getClientType()).isNull();
        assertThat(campaign.getCalendar()).isEmpty();
        assertThat(campaign.getCadence()).isNull();
    }

    @Test
    void detailsOfAStatusAloneChangeNothing() {
        assertThat(new Campaign.Details(null, null, null, null, null, false).changeNothing()).isTrue();
        assertThat(new Campaign.Details(null, null, null, null, null, true).changeNothing()).isFalse();
        assertThat(new Campaign.Details(null, "", null, null, null, false).changeNothing()).isFalse();
    }

    @Test
    void onlyAnActiveCampaignIsScheduledAndADraftMayBePreviewed() {
        Campaign campaign = campaign();
        campaign.requireSchedulable(true);
        assertThatThrownBy(() -> campaign.requireSchedulable(false)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("is a draft: activate it (status active) before scheduling its posts");
        campaign.moveTo(CampaignStatus.ACTIVE, LATER);
        campaign.requireSchedulable(false);
        campaign.moveTo(CampaignStatus.ARCHIVED, LATER);
        assertThatThrownBy(() -> campaign.requireSchedulable(true)).hasMessageContaining("is archived and is not scheduled");
    }
}

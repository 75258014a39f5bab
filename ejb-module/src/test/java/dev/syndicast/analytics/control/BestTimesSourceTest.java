package dev.syndicast.analytics.control;

import dev.syndicast.analytics.entity.BestHour;
import dev.syndicast.analytics.entity.BestTimesReport;
import dev.syndicast.planning.control.DefaultBestTimes;
import dev.syndicast.platforms.control.PlatformRegistry;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Best times come from one source for the planner and the answers: today the platform's default hours. */
class BestTimesSourceTest {

    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final BestTimesSource source = new BestTimesSource();
    private final PlatformRegistry registry = PlatformRegistry.of(key -> Optional.empty());

    @Test
    void aPlatformWithDefaultHoursReportsThemBestFirstInTheWorkspacesZone() {
        BestTimesReport report = source.report(WORKSPACE, registry.get("linkedin"), BERLIN);

        assertThat(report.source()).isEqualTo(BestTimesReport.Source.PLATFORM_DEFAULT);
        assertThat(report.zone()).isEqualTo(BERLIN);
        assertThat(report.platformName()).isEqualTo("LinkedIn");
        assertThat(report.postCount()).as("no published post is measured yet").isZero();
        // LinkedIn's defaults: Tuesday and Wednesday 10:00-12:00, all equally good; ties go Monday first, earlier hour first.
        assertThat(report.hours()).extracting(BestHour::day, BestHour::hour, BestHour::score).containsExactly(
                tuple(TUESDAY, 10, 1.0), tuple(TUESDAY, 11, 1.0), tuple(WEDNESDAY, 10, 1.0), tuple(WEDNESDAY, 11, 1.0));
    }

    @Test
    void aPlatformWithoutDefaultsHasNoPreference() {
        BestTimesReport report = source.report(WORKSPACE, registry.get("youtube"), BERLIN);

        assertThat(report.source()).isEqualTo(BestTimesReport.Source.NONE);
        assertThat(report.hours()).isEmpty();
    }

    @Test
    void thePlannerGetsTheSameHoursAsTheAnswers() {
        assertThat(source.forPlanner(WORKSPACE, List.of("tiktok", "youtube")))
                .containsEntry("tiktok", DefaultBestTimes.of("tiktok"))
                .containsEntry("youtube", DefaultBestTimes.of("youtube"));
    }
}

package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored steps of Dribbble and Snapchat publishes survive the round trip through the job; unreadable ones restart. */
class DribbbleSnapchatStepsTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void dribbbleStepsRoundTrip() {
        DribbbleSteps started = DribbbleSteps.none().started(T);
        assertThat(DribbbleSteps.parse(started.toJson())).isEqualTo(started);
        DribbbleSteps accepted = started.accepted("471756", "https://api.dribbble.com/v2/shots/471756", T.plusSeconds(3));
        assertThat(accepted.toJson()).isEqualTo("{\"since\":\"2026-03-01T12:00:03Z\",\"shot\":\"471756\","
                + "\"location\":\"https://api.dribbble.com/v2/shots/471756\"}");
        assertThat(DribbbleSteps.parse(accepted.toJson())).isEqualTo(accepted);
        assertThat(DribbbleSteps.parse("{broken")).isEqualTo(DribbbleSteps.none());
        assertThat(DribbbleSteps.parse(null)).isEqualTo(DribbbleSteps.none());
    }

    @Test
    void snapchatStepsRoundTripPartByPart() {
        SnapchatSteps created = SnapchatSteps.created(T, "a2V5", "aXY=", "m-1", "/v1/add", "/v1/finalize");
        assertThat(created.created()).isTrue();
        SnapchatSteps two = created.partSent("Y2hhaW4x").partSent("Y2hhaW4y");
        assertThat(two.parts()).isEqualTo(2);
        assertThat(two.chain()).isEqualTo("Y2hhaW4y");
        assertThat(SnapchatSteps.parse(two.toJson())).isEqualTo(two);
        SnapchatSteps finished = two.finished();
        assertThat(SnapchatSteps.parse(finished.toJson()).finalized()).isTrue();
        assertThat(SnapchatSteps.parse("{\"since\":\"nonsense\"}")).isEqualTo(SnapchatSteps.none());
        assertThat(SnapchatSteps.none().created()).isFalse();
    }
}

package dev.syndicast.sandbox;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTest {

    @Test
    void withoutFaultsEveryPublishSucceeds() {
        assertThat(Faults.NONE.decide(() -> 0.0, n -> 0)).isEqualTo(Faults.Decision.OK);
    }

    @Test
    void thePercentageDecidesAndTheMixPicksTheKind() {
        Faults faults = Faults.parse(Map.of("fail_percent", "30", "mix", "5xx,429,timeout"));
        assertThat(faults.decide(() -> 0.30, n -> 0)).isEqualTo(Faults.Decision.OK);
        assertThat(faults.decide(() -> 0.29, n -> 0).fault()).isEqualTo(Faults.Kind.SERVER_ERROR);
        assertThat(faults.decide(() -> 0.29, n -> 0).status()).isEqualTo(500);
        assertThat(faults.decide(() -> 0.1, n -> n == 3 ? 1 : 0).status()).isEqualTo(429);
        Faults.Decision timeout = faults.decide(() -> 0.1, n -> n == 3 ? 2 : 0);
        assertThat(timeout.fault()).isEqualTo(Faults.Kind.TIMEOUT);
        assertThat(timeout.createFirst()).isTrue();
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> Faults.parse(Map.of("fail_percent", "130"))).hasMessageContaining("fail_percent");
        assertThatThrownBy(() -> Faults.parse(Map.of("mix", "teapot"))).hasMessageContaining("teapot");
        assertThatThrownBy(() -> Faults.parse(Map.of("stall_ms", "soon"))).hasMessageContaining("stall_ms");
    }
}

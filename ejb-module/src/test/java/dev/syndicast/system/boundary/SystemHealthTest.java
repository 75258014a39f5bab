package dev.syndicast.system.boundary;

import dev.syndicast.system.control.ComponentCheck;
import dev.syndicast.system.control.HealthStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The system API's health states: the worst failing component decides, and only unhealthy means 503. */
class SystemHealthTest {

    private static ComponentCheck up(String name) {
        return new ComponentCheck(name, true, "ok", HealthStatus.UNHEALTHY);
    }

    @Test
    void allUpIsHealthy() {
        assertThat(SystemHealth.overall(List.of(up("database"), up("broker")))).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void aDownComponentDegradesOrBreaksByItsImpact() {
        ComponentCheck diskDown = new ComponentCheck("data_directory", false, "read-only", HealthStatus.DEGRADED);
        ComponentCheck dbDown = new ComponentCheck("database", false, "no answer", HealthStatus.UNHEALTHY);

        assertThat(SystemHealth.overall(List.of(up("database"), diskDown))).isEqualTo(HealthStatus.DEGRADED);
        assertThat(SystemHealth.overall(List.of(diskDown, dbDown))).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(HealthStatus.UNHEALTHY.wire()).isEqualTo("unhealthy");
    }
}

package dev.syndicast.tenancy;

import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits per key and tier, counted in the database. The test run lifts the standard tier (see the failsafe
 * environment) so polling tests are not throttled; the bulk (10/min) and AI (20/min) tiers keep their documented numbers
 * and are exercised through the test-only routes of {@link LaterCapabilityResource}.
 */
@ExtendWith(ArquillianExtension.class)
class RateLimitIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application().addClass(LaterCapabilityResource.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void theEleventhBulkRequestInAMinuteIs429WithRetryAfter() {
        TenantFixture acme = TenantFixture.create(Api.at(base), "rate");
        Api key = acme.withNewKey("bulk", List.of("posts:write", "ai:generate"));
        Api other = acme.withNewKey("other", List.of("posts:write"));

        Api.Reply first = key.post("/api/external/v1/later-items/bulk", "{}");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.header("X-RateLimit-Limit")).isEqualTo("10");
        int remaining = Integer.parseInt(first.header("X-RateLimit-Remaining"));
        long reset = Long.parseLong(first.header("X-RateLimit-Reset"));
        assertThat(reset).isGreaterThan(Instant.now().getEpochSecond() - 1);

        Api.Reply last = first;
        for (int i = 0; i < remaining; i++) {
            last = key.post("/api/external/v1/later-items/bulk", "{}");
        }
        if (last.status() == 200) {
            assertThat(last.header("X-RateLimit-Remaining")).isEqualTo("0");
            last = key.post("/api/external/v1/later-items/bulk", "{}");
        }
        // Unless the window rolled over mid-test, the limit is now reached.
        if (Long.parseLong(last.header("X-RateLimit-Reset")) == reset) {
            assertThat(last.status()).as(last.toString()).isEqualTo(429);
            assertThat(last.json().getString("error")).isEqualTo("Too Many Requests");
            assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
            assertThat(last.header("X-RateLimit-Remaining")).isEqualTo("0");
            // Other tiers and other keys count separately.
            assertThat(key.post("/api/external/v1/later-items/ai/caption", "{}").header("X-RateLimit-Limit")).isEqualTo("20");
            assertThat(other.post("/api/external/v1/later-items/bulk", "{}").status()).isEqualTo(200);
        }
    }

    @Test
    void standardRoutesCarryTheHeadersToo() {
        Api.Reply whoami = Api.at(base).get("/api/external/v1/whoami");
        assertThat(whoami.header("X-RateLimit-Limit")).isNotNull();
        assertThat(whoami.header("X-RateLimit-Remaining")).isNotNull();
        assertThat(whoami.header("X-RateLimit-Reset")).isNotNull();
        assertThat(Api.at(base).anonymous().get("/api/external/v1/health").header("X-RateLimit-Limit")).isNull();
    }
}

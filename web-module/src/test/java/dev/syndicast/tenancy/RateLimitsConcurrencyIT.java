package dev.syndicast.tenancy;

import dev.syndicast.tenancy.boundary.RateLimits;
import dev.syndicast.tenancy.control.RateDecision;
import dev.syndicast.tenancy.control.RateTier;
import dev.syndicast.testsupport.Deployments;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In-container: many concurrent hits on one caller's bucket, each in its own transaction and connection, as
 * several server instances sharing the database would send them. The counter upsert is atomic, so exactly the
 * limit is allowed and every count is handed out once.
 */
@ExtendWith(ArquillianExtension.class)
class RateLimitsConcurrencyIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.withTestSupport(RateLimitsConcurrencyIT.class);
    }

    @Inject
    RateLimits rateLimits;

    @Test
    void concurrentHitsAllowExactlyTheLimit() throws Exception {
        String caller = UUID.randomUUID().toString();
        int limit = rateLimits.limit(RateTier.BULK);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<RateDecision>> hits = new ArrayList<>();
            for (int i = 0; i < limit * 4; i++) {
                hits.add(() -> rateLimits.hit(caller, RateTier.BULK));
            }
            List<RateDecision> decisions = new ArrayList<>();
            for (Future<RateDecision> f : pool.invokeAll(hits)) {
                decisions.add(f.get());
            }
            // Normally one window; if the test straddles a window boundary, each window is checked on its own.
            decisions.stream().collect(Collectors.groupingBy(RateDecision::resetAt)).forEach((window, inWindow) -> {
                List<RateDecision> allowed = inWindow.stream().filter(RateDecision::allowed).toList();
                assertThat(allowed).as("allowed in window ending " + window).hasSize(Math.min(inWindow.size(), limit));
                assertThat(allowed.stream().map(RateDecision::remaining).distinct().count())
                        .as("each count handed out once").isEqualTo(allowed.size());
            });
        } finally {
            pool.shutdown();
        }
    }
}

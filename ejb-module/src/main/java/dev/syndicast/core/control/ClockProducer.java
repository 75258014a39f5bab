package dev.syndicast.core.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/**
 * The one source of "now". Code asks for a {@link Clock} instead of calling {@code Instant.now()},
 * so tests can replace it with a movable clock (an {@code @Alternative} with higher priority).
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock systemClock() {
        return Clock.systemUTC();
    }
}

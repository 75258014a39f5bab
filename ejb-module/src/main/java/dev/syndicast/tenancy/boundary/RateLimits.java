package dev.syndicast.tenancy.boundary;

import dev.syndicast.tenancy.control.RateDecision;
import dev.syndicast.tenancy.control.RateTier;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Per-caller request limits (by default 60/min standard, 20/min AI, 10/min bulk, as the external API v1 documents),
 * counted in a fixed window in the database so that every instance sharing it enforces one limit. One upsert per
 * request: the row for (caller and tier, window) is created or incremented atomically and the new count is returned.
 */
@Stateless
public class RateLimits {

    private static final String HIT = """
            insert into rate_limit_windows (bucket, window_start, hits) values (?1, ?2, 1)
            on conflict (bucket, window_start) do update set hits = rate_limit_windows.hits + 1
            returning hits""";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "syndicast.rate-limit.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "syndicast.rate-limit.window-seconds", defaultValue = "60")
    int windowSeconds;

    @Inject
    @ConfigProperty(name = "syndicast.rate-limit.standard", defaultValue = "60")
    int standard;

    @Inject
    @ConfigProperty(name = "syndicast.rate-limit.ai", defaultValue = "20")
    int ai;

    @Inject
    @ConfigProperty(name = "syndicast.rate-limit.bulk", defaultValue = "10")
    int bulk;

    @Inject
    @ConfigProperty(name = "syndicast.rate-limit.login", defaultValue = "10")
    int login;

    @Inject
    @ConfigProperty(name = "syndicast.rate-limit.invalid-keys", defaultValue = "20")
    int invalidKeys;

    public boolean enabled() {
        return enabled;
    }

    public int limit(RateTier tier) {
        return switch (tier) {
            case STANDARD -> standard;
            case AI -> ai;
            case BULK -> bulk;
            case LOGIN -> login;
            case INVALID_KEY -> invalidKeys;
        };
    }

    /** Counts this request; committed at once, so concurrent instances see each other's hits. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public RateDecision hit(String caller, RateTier tier) {
        Duration window = Duration.ofSeconds(Math.max(1, windowSeconds));
        Instant now = clock.instant();
        Instant start = RateDecision.windowStart(now, window);
        Number hits = (Number) em.createNativeQuery(HIT)
                .setParameter(1, caller + ":" + tier.wire())
                .setParameter(2, Timestamp.from(start))
                .getSingleResult();
        return RateDecision.of(hits.intValue(), limit(tier), start, window, now);
    }

    /** Old windows are useless; every instance may run this, the delete is idempotent. */
    @Schedule(minute = "*/10", hour = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    void purgeOldWindows() {
        Instant cutoff = clock.instant().minus(Duration.ofSeconds(Math.max(1, windowSeconds)).multipliedBy(2));
        em.createNativeQuery("delete from rate_limit_windows where window_start < ?1")
                .setParameter(1, Timestamp.from(cutoff)).executeUpdate();
    }
}

package dev.syndicast.scheduling.entity;

import java.time.Duration;

/**
 * Exponential back-off: the delay before attempt n (n >= 2) is {@code base * factor^(n-2)}, capped.
 * With base 1 s and factor 4 this gives 1 s, 4 s, 16 s, the retry delays the external API v1 documents.
 */
public record Backoff(Duration base, int factor, Duration cap) {

    public Backoff {
        if (base.isNegative() || factor < 1 || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("Invalid back-off: base=" + base + " factor=" + factor + " cap=" + cap);
        }
    }

    public Duration delayBefore(int attempt) {
        if (attempt <= 1) {
            return Duration.ZERO;
        }
        Duration delay = base;
        for (int i = 2; i < attempt; i++) {
            delay = delay.multipliedBy(factor);
            if (delay.compareTo(cap) >= 0) {
                return cap;
            }
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }
}

package dev.syndicast.testsupport;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ThrowingRunnable;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waiting for asynchronous outcomes (timers, JMS, batch) by polling a condition; tests never sleep. */
public final class Await {

    /** Generous for a 2-core CI machine; a passing condition returns as soon as it holds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private Await() {
    }

    public static ConditionFactory await() {
        return Awaitility.await().atMost(DEFAULT_TIMEOUT).pollInterval(Duration.ofMillis(50)).ignoreExceptions();
    }

    public static void until(Callable<Boolean> condition) {
        await().until(condition);
    }

    /** Waits until the assertions pass, reporting the last failure on timeout. */
    public static void untilAsserted(ThrowingRunnable assertions) {
        await().untilAsserted(assertions);
    }
}

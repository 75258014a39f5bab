package dev.syndicast.testsupport;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A one-shot fault of the stand-ins and the proxy: the next matching call stops at a chosen point (an upload part
 * received, a post created) and waits there until the test releases it, so a test can see that the call is in flight
 * ({@link #reached()}), kill the server, and let the call go on afterwards. The stand-in then finishes the call as
 * usual, answering a client that may be gone. A held call gives up by itself after {@link #LIMIT}, so a failing test
 * never leaves a thread behind for good.
 */
public final class Stall {

    /** The longest a call is held when the test never releases it. */
    static final Duration LIMIT = Duration.ofMinutes(5);

    private final String what;
    private final AtomicBoolean armed = new AtomicBoolean(true);
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    public Stall(String what) {
        this.what = what;
    }

    /** Whether a call stopped here (and is held until {@link #release()}). */
    public boolean reached() {
        return reached.getCount() == 0;
    }

    /** Lets the held call (and any later one that would stop here) go on. */
    public void release() {
        released.countDown();
    }

    /** For the stand-in: true once, for the call that is to stop here. */
    boolean take() {
        return armed.compareAndSet(true, false);
    }

    /** For the stand-in: marks the call as stopped and waits for the release. */
    void hold() {
        reached.countDown();
        try {
            released.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Stall[" + what + (reached() ? ", reached" : "") + "]";
    }
}

package dev.syndicast.testsupport;

import org.awaitility.core.ConditionTimeoutException;
import org.jboss.arquillian.container.spi.event.container.AfterStop;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

import java.time.Duration;
import java.util.List;

/**
 * The shared test server stops as an operator's does: the Payara Micro container ends it with SIGTERM at the end of
 * the run and does not wait. This guard waits for that JVM to be gone and fails the run when it takes more than ten
 * seconds (it then kills it, so no server outlives the build holding the database and the broker port, as each did
 * for minutes before the stop was fixed).
 */
public class TestServerStopGuard implements LoadableExtension {

    static final Duration STOP_WITHIN = Duration.ofSeconds(10);

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(TestServerStopGuard.class);
    }

    public void awaitServerGone(@Observes AfterStop event) {
        List<ProcessHandle> servers = ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("payara-micro"))
                .toList();
        long started = System.nanoTime();
        try {
            Await.await().atMost(STOP_WITHIN).until(() -> servers.stream().noneMatch(ProcessHandle::isAlive));
        } catch (ConditionTimeoutException e) {
            servers.forEach(ProcessHandle::destroyForcibly);
            throw new AssertionError("the test server did not stop within " + STOP_WITHIN.toSeconds()
                    + " s of SIGTERM (" + servers + ")", e);
        }
        if (!servers.isEmpty()) {
            System.out.printf("test server stopped in %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
    }
}

package dev.syndicast.testsupport;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.net.URISyntaxException;
import java.util.Arrays;

/**
 * The deployments of the Payara Micro tests. Every test deploys the real {@code syndicast.war} built by this
 * module (no hand-picked subset that could drift from production), plus the test-support classes and the
 * libraries in-container tests use.
 */
public final class Deployments {

    private Deployments() {
    }

    /** The production WAR as built, for black-box tests that only talk HTTP. */
    public static WebArchive application() {
        String war = System.getProperty("syndicast.war");
        if (war == null || !new File(war).isFile()) {
            throw new IllegalStateException("System property syndicast.war must point at the built WAR (run through Maven: mvn verify)");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(war));
    }

    /**
     * The production WAR with the test support inside: a movable clock (replaces the system clock for the whole
     * deployment), the test task handlers, the awaiting helpers, and AssertJ/Awaitility for the test code.
     */
    public static WebArchive withTestSupport(Class<?>... testClasses) {
        WebArchive archive = application()
                .addClasses(MovableClock.class, ClockResource.class, Await.class, Api.class, Api.Reply.class, TestTaskHandlers.class,
                        TestTaskHandlers.Flaky.class, TestTaskHandlers.Crashing.class)
                .addClasses(testClasses);
        Arrays.asList(org.assertj.core.api.Assertions.class, org.awaitility.Awaitility.class, org.hamcrest.Matcher.class)
                .forEach(type -> archive.addAsLibrary(jarOf(type)));
        return archive;
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

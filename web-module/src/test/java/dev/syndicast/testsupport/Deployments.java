package dev.syndicast.testsupport;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.FileAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The deployments of the Payara Micro tests. Every test deploys the real {@code syndicast.war} built by this
 * module (no hand-picked subset that could drift from production), plus the test-support classes and the
 * libraries in-container tests use. All of them run on one server per test run, {@link #sharedServer()}; a test
 * class's own {@code @Deployment} says what it needs of it.
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
                .addClasses(MovableClock.class, ClockResource.class, SettablePublicBase.class, PublicBaseResource.class, Await.class, Api.class, Api.Reply.class, TestTaskHandlers.class,
                        TestTaskHandlers.Flaky.class, TestTaskHandlers.Crashing.class)
                .addClasses(testClasses);
        Arrays.asList(org.assertj.core.api.Assertions.class, org.awaitility.Awaitility.class, org.hamcrest.Matcher.class)
                .forEach(type -> archive.addAsLibrary(jarOf(type)));
        return archive;
    }

    /**
     * What the one shared test server runs ({@link SharedServer}): the production WAR with the test support and every
     * class of this module's integration tests (the in-container ones run inside it; black-box tests ignore them).
     * Test-only routes in them (the movable clock, a stand-in for a later capability) are deployed for every test.
     * Unit tests ({@code *Test}) and their fixtures stay out: they are not the application's.
     */
    public static WebArchive sharedServer() {
        WebArchive archive = withTestSupport();
        Path testClasses = Path.of(locationOf(Deployments.class));
        try (Stream<Path> files = Files.walk(testClasses)) {
            files.filter(f -> f.toString().endsWith(".class"))
                    .filter(f -> !f.getFileName().toString().matches("[^$]*Test(\\$.*)?\\.class"))
                    .filter(f -> !archive.contains("WEB-INF/classes/" + testClasses.relativize(f)))
                    .forEach(f -> archive.add(new FileAsset(f.toFile()), "WEB-INF/classes/" + testClasses.relativize(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return archive;
    }

    private static File jarOf(Class<?> type) {
        return new File(locationOf(type));
    }

    private static URI locationOf(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource().getLocation().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.syndicast.testsupport;

import fish.payara.arquillian.container.payara.managed.PayaraMicroContainerConfiguration;
import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.test.spi.TestDeployment;
import org.jboss.arquillian.container.test.spi.client.deployment.AuxiliaryArchiveAppender;
import org.jboss.arquillian.container.test.spi.client.deployment.ProtocolArchiveProcessor;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.spi.ServiceLoader;
import org.jboss.arquillian.protocol.servlet5.v_5.ServletProtocolDeploymentPackager;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.asset.ClassAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.shrinkwrap.descriptor.api.Descriptor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Arquillian container of the test run: <b>one</b> Payara Micro, started at the first deployment and stopped
 * after the last test class, instead of one server per test class (which cost about a minute per class).
 * <p>
 * What it runs is {@link Deployments#sharedServer()}: the production {@code syndicast.war} with the test support and
 * every test class of this module, packaged for in-container tests exactly as Arquillian packages a testable
 * deployment (its auxiliary libraries and the Servlet protocol). Each test class's own {@code @Deployment} is then
 * only checked against it: a class whose deployment adds something the shared server does not have (another
 * library, a changed descriptor) fails with a message saying so, instead of silently running against a server that
 * lacks it. Such a test starts its own server with {@link ServerProcess}.
 * <p>
 * Registered in place of the Payara Micro container by {@link SharedServerExtension}; it starts Micro through that
 * container (same configuration in {@code arquillian.xml}), so the server boots exactly as before.
 */
public class SharedServer implements DeployableContainer<PayaraMicroContainerConfiguration> {

    @Inject
    private Instance<ServiceLoader> serviceLoader;

    private final PayaraMicroDeployableContainer micro = new PayaraMicroDeployableContainer();
    private Archive<?> deployed;
    private ProtocolMetaData running;

    @Override
    public Class<PayaraMicroContainerConfiguration> getConfigurationClass() {
        return PayaraMicroContainerConfiguration.class;
    }

    @Override
    public void setup(PayaraMicroContainerConfiguration configuration) {
        micro.setup(configuration);
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return micro.getDefaultProtocol();
    }

    @Override
    public void start() {
        // Started on the first deployment: a run of unit tests alone never boots a server.
    }

    @Override
    public synchronized ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        if (running == null) {
            deployed = testable(Deployments.sharedServer());
            long started = System.nanoTime();
            running = boot();
            if (!metricsListenerAnswers()) {
                // Its port was taken between choosing and binding (Payara then boots without the listener): once more.
                System.out.printf("shared test server: nothing listens on the metrics port %d; restarting with another%n",
                        TestEnvironment.metricsPort());
                micro.undeploy(deployed);
                running = boot();
                if (!metricsListenerAnswers()) {
                    // Only the metrics test needs it; it fails on its own, saying so. The other classes go on.
                    System.out.printf("shared test server: the metrics listener did not bind port %d either"
                            + " (-Dsyndicast.test.server-log=true shows why)%n", TestEnvironment.metricsPort());
                }
            }
            System.out.printf("shared test server started in %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
        requireCovered(archive);
        return running;
    }

    private ProtocolMetaData boot() throws DeploymentException {
        TestEnvironment.renderPostBoot();
        ProtocolMetaData booted = micro.deploy(deployed);
        if (booted == null) {
            throw new DeploymentException("The shared test server did not start (see the Payara Micro output;"
                    + " -Dsyndicast.test.server-log=true shows it)");
        }
        return booted;
    }

    /**
     * Whether the metrics listener answers within a minute: Micro may report the application deployed a little before
     * its post-boot commands have opened the listener, the more so on a loaded machine.
     */
    private static boolean metricsListenerAnswers() {
        long ends = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), TestEnvironment.metricsPort()), 2_000);
                return true;
            } catch (IOException refused) {
                if (System.nanoTime() - ends >= 0) {
                    return false;
                }
                try {
                    Thread.sleep(250); // a retry interval while the server opens the listener, not a test's wait
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    @Override
    public void undeploy(Archive<?> archive) {
        // The server stays for the next test class; it stops with the run (stop()).
    }

    @Override
    public synchronized void stop() throws LifecycleException {
        if (running != null) {
            try {
                micro.undeploy(deployed);
            } catch (DeploymentException e) {
                throw new LifecycleException("Could not stop the shared test server", e);
            }
            running = null;
        }
    }

    @Override
    public void deploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("Descriptors are not deployed to the shared test server");
    }

    @Override
    public void undeploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("Descriptors are not deployed to the shared test server");
    }

    /** The shared WAR as Arquillian would package it for an in-container test: auxiliary libraries and protocol. */
    private Archive<?> testable(WebArchive war) {
        ServiceLoader services = serviceLoader.get();
        List<Archive<?>> auxiliary = services.all(AuxiliaryArchiveAppender.class).stream()
                .map(AuxiliaryArchiveAppender::createAuxiliaryArchive)
                .filter(Objects::nonNull)
                .<Archive<?>>map(a -> a)
                .toList();
        TestDeployment deployment = new TestDeployment(new DeploymentDescription("shared", war), war, auxiliary);
        return new ServletProtocolDeploymentPackager().generateDeployment(deployment,
                services.all(ProtocolArchiveProcessor.class));
    }

    /**
     * Fails a test class whose deployment the shared server does not cover: every path it deploys must be there, and
     * every descriptor or resource (anything but classes and libraries, which are built the same way) must be equal.
     */
    private void requireCovered(Archive<?> archive) throws DeploymentException {
        for (Map.Entry<ArchivePath, Node> entry : archive.getContent().entrySet()) {
            Asset asset = entry.getValue().getAsset();
            if (asset == null) {
                continue;
            }
            String path = entry.getKey().get();
            Node shared = deployed.get(entry.getKey());
            if (shared == null || shared.getAsset() == null) {
                throw new DeploymentException(archive.getName() + " deploys " + path + ", which the shared test server"
                        + " lacks: add it to Deployments.sharedServer(), or start a server of its own (ServerProcess)");
            }
            if (!(asset instanceof ClassAsset) && !path.endsWith(".class") && !path.endsWith(".jar")
                    && !sameBytes(asset, shared.getAsset())) {
                throw new DeploymentException(archive.getName() + " deploys its own " + path + ": a test that"
                        + " reconfigures the server starts a server of its own (ServerProcess)");
            }
        }
    }

    private static boolean sameBytes(Asset one, Asset other) {
        try (InputStream a = one.openStream(); InputStream b = other.openStream()) {
            return Arrays.equals(a.readAllBytes(), b.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.syndicast.broker;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Runs an Apache Artemis broker inside the application server for single-instance deployments.
 * The journal is persistent and lives under {@code ${syndicast.data.dir}/broker}, so messages
 * accepted before a crash are delivered after the restart.
 * <p>
 * Every address falls under one policy: failed deliveries are redelivered with back-off and after
 * {@code syndicast.broker.max-delivery-attempts} they move to the {@value #DEAD_LETTER} queue.
 * <p>
 * When the JVM stops, the broker stops last. Payara undeploys applications in the order they were deployed, so this
 * WAR goes before the application whose MDBs and pooled JMS sessions still talk to the broker. Stopping it here
 * made every one of their closes wait for a reply that never came (the 30-second call timeout, one close after
 * another: minutes, or for ever). So during a JVM shutdown {@link #stop()} leaves the broker running and a shutdown
 * hook stops it once its clients have disconnected, or {@code syndicast.broker.stop-drain} after the undeploys
 * began at the latest.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EmbeddedBroker {

    static final String DEAD_LETTER = "syndicast.dlq";
    static final String EXPIRY = "syndicast.expired";
    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class.getName());

    @Inject
    @ConfigProperty(name = "syndicast.data.dir", defaultValue = "./data")
    String dataDir;

    @Inject
    @ConfigProperty(name = "syndicast.broker.host", defaultValue = "127.0.0.1")
    String host;

    @Inject
    @ConfigProperty(name = "syndicast.broker.port", defaultValue = "61616")
    int port;

    @Inject
    @ConfigProperty(name = "syndicast.broker.max-delivery-attempts", defaultValue = "5")
    int maxDeliveryAttempts;

    @Inject
    @ConfigProperty(name = "syndicast.broker.redelivery-delay-ms", defaultValue = "500")
    long redeliveryDelayMs;

    @Inject
    @ConfigProperty(name = "syndicast.broker.stop-drain", defaultValue = "PT10S")
    Duration stopDrain;

    /** How long the hook waits for the undeploys to begin: Payara first stops its own services (seconds). */
    private static final Duration UNDEPLOYS_BEGIN_WITHIN = Duration.ofSeconds(60);

    private EmbeddedActiveMQ broker;
    private Thread stopAtExit;
    private final CountDownLatch undeploying = new CountDownLatch(1);

    @PostConstruct
    void start() {
        try {
            Path home = Path.of(dataDir, "broker").toAbsolutePath();
            Files.createDirectories(home);
            broker = new EmbeddedActiveMQ();
            broker.setConfiguration(configuration(home));
            broker.start();
            stopAtExit = new Thread(this::stopWhenClientsAreGone, "syndicast-broker-stop");
            Runtime.getRuntime().addShutdownHook(stopAtExit);
            LOG.info(() -> "event=broker_started acceptor=tcp://" + host + ":" + port + " journal=" + home);
        } catch (Exception e) {
            throw new IllegalStateException("Embedded broker could not start on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    Configuration configuration(Path home) throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("syndicast-embedded")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(home.resolve("journal").toString())
                .setBindingsDirectory(home.resolve("bindings").toString())
                .setPagingDirectory(home.resolve("paging").toString())
                .setLargeMessagesDirectory(home.resolve("large-messages").toString())
                // A short buffer timeout keeps the latency of a persistent send low (the default is tuned for throughput).
                .setJournalBufferTimeout_NIO(100_000)
                .setJournalSyncNonTransactional(true)
                .setJournalSyncTransactional(true)
                .addAcceptorConfiguration("tcp", "tcp://" + host + ":" + port);
        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(org.apache.activemq.artemis.api.core.SimpleString.of(DEAD_LETTER))
                .setExpiryAddress(org.apache.activemq.artemis.api.core.SimpleString.of(EXPIRY))
                .setMaxDeliveryAttempts(maxDeliveryAttempts)
                .setRedeliveryDelay(redeliveryDelayMs)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(60_000)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true));
        config.addAddressConfiguration(anycast(DEAD_LETTER));
        config.addAddressConfiguration(anycast(EXPIRY));
        return config;
    }

    private static CoreAddressConfiguration anycast(String name) {
        return new CoreAddressConfiguration()
                .setName(name)
                .addRoutingType(RoutingType.ANYCAST)
                .addQueueConfiguration(QueueConfiguration.of(name).setRoutingType(RoutingType.ANYCAST).setDurable(true));
    }

    @PreDestroy
    void stop() {
        if (stopAtExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            } catch (IllegalStateException shutdownInProgress) {
                // The JVM is stopping and the application is still to be undeployed: the hook stops the broker.
                undeploying.countDown();
                return;
            }
        }
        stopBroker();
    }

    /**
     * The shutdown hook: runs beside Payara's own from the signal on; once the undeploys have begun, waits (bounded)
     * until the application and the resource adapter have disconnected, then stops the broker.
     */
    private void stopWhenClientsAreGone() {
        EmbeddedActiveMQ running = broker;
        try {
            undeploying.await(UNDEPLOYS_BEGIN_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + stopDrain.toNanos();
            while (running != null && running.getActiveMQServer().getConnectionCount() > 0 && System.nanoTime() < deadline) {
                // No event tells us the last client left; polling a counter costs nothing for these few seconds.
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopBroker();
    }

    private synchronized void stopBroker() {
        if (broker == null) {
            return;
        }
        try {
            broker.stop();
            LOG.info("event=broker_stopped");
        } catch (Exception | LinkageError e) {
            // A LinkageError: this WAR's class loader was closed with its undeploy before the hook ran. The journal
            // is synced on every write, so the next start recovers it as after a crash.
            LOG.warning(() -> "event=broker_stop_failed reason=" + e);
        } finally {
            broker = null;
        }
    }
}

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
import java.util.logging.Logger;

/**
 * Runs an Apache Artemis broker inside the application server for single-instance deployments.
 * The journal is persistent and lives under {@code ${syndicast.data.dir}/broker}, so messages
 * accepted before a crash are delivered after the restart.
 * <p>
 * Every address falls under one policy: failed deliveries are redelivered with back-off and after
 * {@code syndicast.broker.max-delivery-attempts} they move to the {@value #DEAD_LETTER} queue.
 * <p>
 * The broker must stop after the application. Payara undeploys applications in the order they were deployed, and
 * this WAR used to be deployed first (in the post-boot commands): a SIGTERM stopped the broker first, and then
 * every JMS close of the application (its pooled sessions, its MDB consumers) waited for a reply that never came,
 * 30 seconds each, one after another: minutes, or for ever. The run script and the tests therefore deploy this WAR
 * right after the application ({@code --deploy syndicast.war --deploy syndicast-broker.war}); the application's
 * MDBs connect as soon as the broker is up. On undeploy the broker still gives the remaining clients (the resource
 * adapter's) {@code syndicast.broker.stop-drain} to disconnect before it stops.
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
    @ConfigProperty(name = "syndicast.broker.stop-drain", defaultValue = "PT2S")
    Duration stopDrain;

    private EmbeddedActiveMQ broker;

    @PostConstruct
    void start() {
        try {
            Path home = Path.of(dataDir, "broker").toAbsolutePath();
            Files.createDirectories(home);
            broker = new EmbeddedActiveMQ();
            broker.setConfiguration(configuration(home));
            broker.start();
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
        if (broker == null) {
            return;
        }
        awaitClientsGone();
        try {
            broker.stop();
            LOG.info("event=broker_stopped");
        } catch (Exception e) {
            LOG.warning(() -> "event=broker_stop_failed reason=" + e.getMessage());
        }
    }

    private void awaitClientsGone() {
        long deadline = System.nanoTime() + stopDrain.toNanos();
        try {
            while (broker.getActiveMQServer().getConnectionCount() > 0 && System.nanoTime() < deadline) {
                // No event tells us the last client left; polling a counter is enough for a second or two.
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

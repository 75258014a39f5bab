package dev.syndicast.core.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSDestinationDefinitions;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;

import java.util.Map;

/**
 * The application's JMS plumbing in one place: every destination it sends to or listens on is declared here, under a
 * logical {@code java:app} name, and nowhere else. Senders inject the queue by that name and the message-driven beans
 * bind to it with {@code destinationLookup}; only these definitions know the broker addresses. All are bound to the
 * {@code activemq-ra} resource adapter (server-config assembles it for Payara; WildFly has its own adapter with that
 * name). The broker's side (the dead-letter address, redelivery) is configured on the broker, and the consumers'
 * tuning (sessions, prefetch) in the deployment descriptor ejb-jar.xml. Sends join the caller's JTA transaction, so
 * a message leaves only when the database change that caused it commits.
 */
@Stateless
@JMSConnectionFactoryDefinition(
        name = Messaging.CONNECTION_FACTORY,
        interfaceName = "jakarta.jms.ConnectionFactory",
        resourceAdapter = "activemq-ra",
        minPoolSize = 0,
        maxPoolSize = 32)
@JMSDestinationDefinitions({
        @JMSDestinationDefinition(
                name = Messaging.TASK_QUEUE,
                interfaceName = "jakarta.jms.Queue",
                resourceAdapter = "activemq-ra",
                destinationName = Messaging.TASK_QUEUE_ADDRESS,
                properties = "Address=" + Messaging.TASK_QUEUE_ADDRESS),
        @JMSDestinationDefinition(
                name = Messaging.RENDER_QUEUE,
                interfaceName = "jakarta.jms.Queue",
                resourceAdapter = "activemq-ra",
                destinationName = Messaging.RENDER_QUEUE_ADDRESS,
                properties = "Address=" + Messaging.RENDER_QUEUE_ADDRESS),
        @JMSDestinationDefinition(
                name = Messaging.PUBLISH_QUEUE,
                interfaceName = "jakarta.jms.Queue",
                resourceAdapter = "activemq-ra",
                destinationName = Messaging.PUBLISH_QUEUE_ADDRESS,
                properties = "Address=" + Messaging.PUBLISH_QUEUE_ADDRESS),
        @JMSDestinationDefinition(
                name = Messaging.DEAD_LETTER_QUEUE,
                interfaceName = "jakarta.jms.Queue",
                resourceAdapter = "activemq-ra",
                destinationName = Messaging.DEAD_LETTER_ADDRESS,
                properties = "Address=" + Messaging.DEAD_LETTER_ADDRESS)
})
public class Messaging {

    public static final String CONNECTION_FACTORY = "java:app/jms/SyndicastConnectionFactory";
    /** Tasks handed from the dispatcher to {@code TaskListener}. */
    public static final String TASK_QUEUE = "java:app/jms/TaskQueue";
    /** One message per render stage, for {@code RenderListener}. */
    public static final String RENDER_QUEUE = "java:app/jms/RenderQueue";
    /** Publish job tickets, delivered at the jobs' due time to {@code PublishListener}. */
    public static final String PUBLISH_QUEUE = "java:app/jms/PublishQueue";
    /** Where the broker moves messages whose deliveries all failed; {@code DeadLetterListener} closes tasks' loops. */
    public static final String DEAD_LETTER_QUEUE = "java:app/jms/DeadLetterQueue";
    /** The task queue's broker address, which the broker writes on the messages it dead-letters from it. */
    public static final String TASK_QUEUE_ADDRESS = "syndicast.tasks";
    /** Set by Artemis on dead-lettered messages: the address they were first sent to. */
    public static final String ORIGINAL_ADDRESS_PROPERTY = "_AMQ_ORIG_ADDRESS";
    static final String RENDER_QUEUE_ADDRESS = "syndicast.render";
    static final String PUBLISH_QUEUE_ADDRESS = "syndicast.publish";
    /** Must match the dead-letter address the broker is configured with (the embedded broker's is the same). */
    static final String DEAD_LETTER_ADDRESS = "syndicast.dlq";

    @Resource(lookup = CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    /** Sends a persistent text message in the caller's transaction. */
    public void send(Queue destination, String body, Map<String, String> properties) {
        try (JMSContext context = connectionFactory.createContext()) {
            var producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            properties.forEach(producer::setProperty);
            producer.send(destination, body);
        }
    }

    /**
     * The text of a message our senders wrote. A body that cannot be read is a broker or client fault, not a bad
     * message: the listener's delivery fails and the broker redelivers (and in the end dead-letters) it.
     */
    public static String text(Message message) {
        try {
            return message.getBody(String.class);
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot read the body of a message on " + destinationOf(message), e);
        }
    }

    private static String destinationOf(Message message) {
        try {
            return String.valueOf(message.getJMSDestination());
        } catch (JMSException e) {
            return "an unknown destination";
        }
    }

    /** Opens and closes a connection: proves the broker answers. */
    public void ping() {
        try (JMSContext context = connectionFactory.createContext()) {
            context.getMetaData();
        }
    }
}

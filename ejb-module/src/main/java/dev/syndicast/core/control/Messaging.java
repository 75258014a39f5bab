package dev.syndicast.core.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;

import java.util.Map;

/**
 * The application's JMS plumbing in one place. Resources are declared here under logical {@code java:app}
 * names and bound to the {@code activemq-ra} resource adapter (server-config assembles it for Payara; WildFly
 * has its own adapter with that name). Sends join the caller's JTA transaction, so a message leaves only
 * when the database change that caused it commits.
 */
@Stateless
@JMSConnectionFactoryDefinition(
        name = Messaging.CONNECTION_FACTORY,
        interfaceName = "jakarta.jms.ConnectionFactory",
        resourceAdapter = "activemq-ra",
        minPoolSize = 0,
        maxPoolSize = 32)
@JMSDestinationDefinition(
        name = Messaging.TASK_QUEUE,
        interfaceName = "jakarta.jms.Queue",
        resourceAdapter = "activemq-ra",
        destinationName = Messaging.TASK_QUEUE_ADDRESS,
        properties = "Address=" + Messaging.TASK_QUEUE_ADDRESS)
@JMSDestinationDefinition(
        name = Messaging.DEAD_LETTER_QUEUE,
        interfaceName = "jakarta.jms.Queue",
        resourceAdapter = "activemq-ra",
        destinationName = Messaging.DEAD_LETTER_ADDRESS,
        properties = "Address=" + Messaging.DEAD_LETTER_ADDRESS)
public class Messaging {

    public static final String CONNECTION_FACTORY = "java:app/jms/SyndicastConnectionFactory";
    public static final String TASK_QUEUE = "java:app/jms/TaskQueue";
    public static final String TASK_QUEUE_ADDRESS = "syndicast.tasks";
    public static final String DEAD_LETTER_QUEUE = "java:app/jms/DeadLetterQueue";
    /** Where the broker moves messages whose deliveries all failed (configured on the broker). */
    public static final String DEAD_LETTER_ADDRESS = "syndicast.dlq";
    /** Set by Artemis on dead-lettered messages: the address they were first sent to. */
    public static final String ORIGINAL_ADDRESS_PROPERTY = "_AMQ_ORIG_ADDRESS";

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

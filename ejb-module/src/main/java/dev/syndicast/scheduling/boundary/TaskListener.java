package dev.syndicast.scheduling.boundary;

import dev.syndicast.core.control.Messaging;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import java.util.UUID;
import java.util.logging.Logger;

/**
 * Runs tasks handed over by the dispatcher. No prefetch ({@code consumerWindowSize=0}): a crashed instance
 * must not hold messages it never started. Bound to {@code activemq-ra} in glassfish-ejb-jar.xml.
 */
@MessageDriven(name = "TaskListener", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Messaging.TASK_QUEUE_ADDRESS),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
})
public class TaskListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(TaskListener.class.getName());

    @EJB
    Tasks tasks;

    @Override
    public void onMessage(Message message) {
        String body = Messaging.text(message);
        UUID id = TaskMessages.taskId(body);
        if (id == null) {
            LOG.severe(() -> "event=task_message_malformed body=\"" + body + "\"");
            return;
        }
        tasks.execute(id, TaskMessages.deliveryCount(message));
    }
}

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
 * Runs tasks handed over by the dispatcher. Its sessions and prefetch are set in ejb-jar.xml; it is bound to
 * {@code activemq-ra} in glassfish-ejb-jar.xml.
 */
@MessageDriven(name = "TaskListener", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = Messaging.TASK_QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
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

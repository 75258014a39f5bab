package dev.syndicast.scheduling.boundary;

import dev.syndicast.core.control.Messaging;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import java.util.UUID;

/**
 * Closes the loop for task messages the broker gave up on: the task is marked failed with the reason, so
 * it shows up as failed instead of staying "dispatched" for ever. Other dead letters stay in the queue
 * for an operator (the selector only takes task messages). Its sessions and prefetch are set in ejb-jar.xml.
 */
@MessageDriven(name = "DeadLetterListener", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = Messaging.DEAD_LETTER_QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "messageSelector",
                propertyValue = Messaging.ORIGINAL_ADDRESS_PROPERTY + " = '" + Messaging.TASK_QUEUE_ADDRESS + "'")
})
public class DeadLetterListener implements MessageListener {

    @EJB
    Tasks tasks;

    @Override
    public void onMessage(Message message) {
        UUID id = TaskMessages.taskId(Messaging.text(message));
        if (id != null) {
            tasks.deadLettered(id, "Dead-lettered by the broker after " + TaskMessages.deliveryCount(message)
                    + " failed deliveries; see the server log for the handler's exception");
        }
    }
}

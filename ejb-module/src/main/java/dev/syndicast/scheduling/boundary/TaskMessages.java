package dev.syndicast.scheduling.boundary;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

import java.util.UUID;

/** Reading the task id and delivery count out of a JMS message. */
final class TaskMessages {

    private TaskMessages() {
    }

    /** @return the id, or null when the body is not a task id */
    static UUID taskId(String body) {
        try {
            return body == null ? null : UUID.fromString(body.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static int deliveryCount(Message message) {
        try {
            return message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 1;
        } catch (JMSException e) {
            return 1;
        }
    }
}

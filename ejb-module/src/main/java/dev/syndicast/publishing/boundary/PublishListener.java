package dev.syndicast.publishing.boundary;

import dev.syndicast.core.control.Messaging;
import dev.syndicast.publishing.control.PublishDispatch;
import dev.syndicast.publishing.control.PublishDispatch.JobTicket;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import java.util.List;
import java.util.logging.Logger;

/**
 * Publishes the jobs of one publish-queue message. Its sessions and prefetch are set in ejb-jar.xml; it is bound to
 * {@code activemq-ra} in glassfish-ejb-jar.xml. The delivery's transaction holds only the message; the database work
 * runs in short transactions of its own around the calls (see {@link PublishWorker}).
 */
@MessageDriven(name = "PublishListener", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = Messaging.PUBLISH_QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
public class PublishListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(PublishListener.class.getName());

    @Inject
    PublishWorker worker;

    @Override
    public void onMessage(Message message) {
        String body = Messaging.text(message);
        List<JobTicket> tickets = PublishDispatch.decode(body);
        if (tickets.isEmpty()) {
            LOG.severe(() -> "event=publish_message_malformed body=\"" + body + "\"");
            return;
        }
        worker.publish(tickets);
    }
}

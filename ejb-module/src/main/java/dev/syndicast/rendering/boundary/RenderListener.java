package dev.syndicast.rendering.boundary;

import dev.syndicast.core.control.Messaging;
import dev.syndicast.rendering.entity.Stage;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import java.util.UUID;
import java.util.logging.Logger;

/**
 * Takes stage messages off the render queue. Its sessions and prefetch are set in ejb-jar.xml (no prefetch: a stage
 * message waits in the broker until an instance is free to run it, and a crashed instance holds none); it is bound to
 * {@code activemq-ra} in glassfish-ejb-jar.xml.
 */
@MessageDriven(name = "RenderListener", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = Messaging.RENDER_QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
public class RenderListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(RenderListener.class.getName());

    @EJB
    RenderPipeline pipeline;

    @Override
    public void onMessage(Message message) {
        String body = Messaging.text(message);
        String[] parts = body == null ? new String[0] : body.strip().split(" ");
        UUID id;
        Stage stage;
        try {
            id = UUID.fromString(parts[0]);
            stage = Stage.fromWire(parts[1]);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            LOG.severe(() -> "event=render_message_malformed body=\"" + body + "\"");
            return;
        }
        pipeline.run(id, stage);
    }
}

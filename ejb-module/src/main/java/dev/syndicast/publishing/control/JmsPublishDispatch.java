package dev.syndicast.publishing.control;

import dev.syndicast.core.control.Messaging;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The publish queue. Messages are persistent and sent in the dispatcher's transaction, so they leave only if the
 * claim commits; a JMS delivery delay makes the broker hand them over at the jobs' due time, to the millisecond,
 * although the dispatcher claims a little ahead. The queue is declared with the others on {@link Messaging}.
 */
@ApplicationScoped
public class JmsPublishDispatch implements PublishDispatch {

    @Resource(lookup = Messaging.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = Messaging.PUBLISH_QUEUE)
    Queue queue;

    @Inject
    Clock clock;

    @Override
    public void enqueue(List<JobTicket> jobs, Instant deliverAt) {
        long delay = Math.max(0, Duration.between(clock.instant(), deliverAt).toMillis());
        try (JMSContext context = connectionFactory.createContext()) {
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            if (delay > 0) {
                producer.setDeliveryDelay(delay);
            }
            producer.send(queue, PublishDispatch.encode(jobs));
        }
    }
}

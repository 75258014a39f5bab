package dev.syndicast.scheduling.control;

/**
 * Runs one kind of {@link dev.syndicast.scheduling.entity.ScheduledTask}. Implementations are CDI beans;
 * the executor finds them by {@link #kind()}. A handler runs inside the delivery's transaction:
 * <ul>
 *   <li>return normally: the task is done, the returned text is kept as its result;</li>
 *   <li>throw {@link TaskFailedException}: an expected failure, retried with back-off (or not, if permanent);</li>
 *   <li>throw anything else: the transaction rolls back and the broker redelivers; after the broker's
 *       max-delivery-attempts the message is dead-lettered and the task marked failed.</li>
 * </ul>
 */
public interface TaskHandler {

    String kind();

    String handle(TaskContext task) throws TaskFailedException;
}

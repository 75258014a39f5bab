package dev.syndicast.scheduling.boundary;

import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.scheduling.control.TaskContext;
import dev.syndicast.scheduling.control.TaskFailedException;
import dev.syndicast.scheduling.control.TaskHandler;
import dev.syndicast.scheduling.control.TaskHandlers;
import dev.syndicast.scheduling.control.TaskQueue;
import dev.syndicast.scheduling.control.TaskSettings;
import dev.syndicast.scheduling.entity.ScheduledTask;
import dev.syndicast.scheduling.entity.TaskStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/** The facade of the task machinery: schedule, look up, dispatch due tasks, run one delivered task. */
@Stateless
public class Tasks {

    private static final Logger LOG = Logger.getLogger(Tasks.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    TaskQueue queue;

    @Inject
    TaskHandlers handlers;

    @Inject
    TaskSettings settings;

    @Inject
    MetricRegistry metrics;

    public ScheduledTask schedule(String kind, String payload, Instant runAt) {
        ScheduledTask task = new ScheduledTask(kind, payload, runAt, settings.maxAttempts(), clock.instant());
        em.persist(task);
        return task;
    }

    public Optional<ScheduledTask> find(UUID id) {
        return Optional.ofNullable(em.find(ScheduledTask.class, id));
    }

    public ScheduledTask cancel(UUID id) {
        ScheduledTask task = em.find(ScheduledTask.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (task == null) {
            throw new NotFoundException("Task not found: " + id);
        }
        task.cancel(clock.instant());
        return task;
    }

    /**
     * Cancels the task unless it has finished, waiting for its row lock: a task that is running right now holds it, so
     * this returns after that run committed (and then finds it finished). Either way the task does not run again.
     */
    public void cancelUnlessFinished(UUID id) {
        ScheduledTask task = em.find(ScheduledTask.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (task != null && !task.getStatus().isFinal()) {
            task.cancel(clock.instant());
        }
    }

    /**
     * Claims up to one batch of due tasks and enqueues them, all in one new transaction: the claim and
     * the messages commit together. Rows another instance has locked are skipped, never waited for.
     *
     * @return how many tasks were claimed
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int dispatchDue() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                        select id from scheduled_tasks
                         where (status = 'PENDING' and run_at <= ?1)
                            or (status = 'DISPATCHED' and dispatched_at < ?2)
                         order by run_at
                         limit ?3
                         for update skip locked""", UUID.class)
                .setParameter(1, now)
                .setParameter(2, now.minus(settings.dispatchLease()))
                .setParameter(3, settings.dispatchBatch())
                .getResultList();
        for (UUID id : ids) {
            ScheduledTask task = em.find(ScheduledTask.class, id);
            if (task.getStatus() == TaskStatus.DISPATCHED) {
                LOG.warning(() -> "event=task_redispatched id=" + id + " reason=lease_expired");
            }
            task.dispatch(now);
            queue.enqueue(id);
        }
        if (!ids.isEmpty()) {
            metrics.counter("syndicast_tasks_dispatched_total").inc(ids.size());
        }
        return ids.size();
    }

    /**
     * Runs one delivered task in the delivery's transaction. The row lock makes a duplicate delivery wait
     * and then see the task finished, so a task's handler never runs twice concurrently or after success.
     */
    public void execute(UUID id, int deliveryCount) {
        ScheduledTask task = em.find(ScheduledTask.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (task == null || !task.isRunnable()) {
            LOG.fine(() -> "event=task_delivery_ignored id=" + id + " status=" + (task == null ? "missing" : task.getStatus()));
            return;
        }
        task.delivered(deliveryCount);
        Optional<TaskHandler> handler = handlers.forKind(task.getKind());
        Instant now = clock.instant();
        if (handler.isEmpty()) {
            task.fail("No handler for task kind '" + task.getKind() + "'", false, now, settings.backoff());
            count("failed", task.getKind());
            return;
        }
        TaskContext context = new TaskContext(id, task.getKind(), task.getPayload(), task.getAttempts() + 1, deliveryCount);
        try {
            String result = handler.get().handle(context);
            task.complete(result, clock.instant());
            count("done", task.getKind());
            LOG.info(() -> "event=task_done id=" + id + " kind=" + task.getKind() + " attempt=" + context.attempt()
                    + " delivery=" + deliveryCount);
        } catch (TaskFailedException e) {
            boolean retry = task.fail(e.getMessage(), !e.isPermanent(), clock.instant(), settings.backoff());
            count(retry ? "retried" : "failed", task.getKind());
            LOG.warning(() -> "event=task_failed id=" + id + " kind=" + task.getKind() + " attempt=" + context.attempt()
                    + " retry=" + retry + " next_run_at=" + (retry ? task.getRunAt() : "-") + " reason=\"" + e.getMessage() + "\"");
        }
    }

    /** The broker dead-lettered the task's message: every delivery crashed. */
    public void deadLettered(UUID id, String reason) {
        ScheduledTask task = em.find(ScheduledTask.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (task == null) {
            LOG.warning(() -> "event=dead_letter_unknown_task id=" + id);
            return;
        }
        task.deadLettered(reason, clock.instant());
        count("dead_lettered", task.getKind());
        LOG.severe(() -> "event=task_dead_lettered id=" + id + " kind=" + task.getKind() + " reason=\"" + reason + "\"");
    }

    public Map<TaskStatus, Long> countByStatus() {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            counts.put(status, 0L);
        }
        em.createNamedQuery(ScheduledTask.COUNT_BY_STATUS, Object[].class).getResultList()
                .forEach(row -> counts.put((TaskStatus) row[0], (Long) row[1]));
        return counts;
    }

    private void count(String outcome, String kind) {
        metrics.counter("syndicast_tasks_total", new Tag("outcome", outcome), new Tag("kind", kind)).inc();
    }
}

package dev.syndicast.scheduling.control;

import dev.syndicast.scheduling.entity.ScheduledTask;
import dev.syndicast.scheduling.entity.TaskStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Runs inside the caller's transaction (a batch chunk's). */
@ApplicationScoped
public class JpaFinishedTasks implements FinishedTasks {

    /** PostgreSQL orders uuid by unsigned bytes, so the nil UUID sorts first (Java's signed compareTo disagrees). */
    private static final UUID SMALLEST = new UUID(0L, 0L);
    private static final List<TaskStatus> FINISHED = List.of(TaskStatus.DONE, TaskStatus.FAILED, TaskStatus.CANCELLED);

    @PersistenceContext
    EntityManager em;

    @Override
    public List<UUID> findFinishedBefore(Instant cutoff, UUID after, int limit) {
        return em.createNamedQuery(ScheduledTask.FIND_FINISHED_BEFORE, UUID.class)
                .setParameter("statuses", FINISHED)
                .setParameter("cutoff", cutoff)
                .setParameter("after", after == null ? SMALLEST : after)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public int delete(List<UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("delete from ScheduledTask t where t.id in :ids").setParameter("ids", ids).executeUpdate();
    }
}

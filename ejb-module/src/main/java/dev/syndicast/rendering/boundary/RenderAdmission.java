package dev.syndicast.rendering.boundary;

import dev.syndicast.rendering.control.RenderQueue;
import dev.syndicast.rendering.control.RenderSettings;
import dev.syndicast.rendering.entity.RenderSession;
import dev.syndicast.rendering.entity.Stage;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import dev.syndicast.rendering.entity.RenderStatus;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The concurrency limit: at most {@code syndicast.render.max-concurrent} sessions process at once across all
 * instances; the rest wait, oldest first. Runs in the caller's transaction (so a new session can be admitted in
 * the transaction that creates it) under a PostgreSQL advisory lock, so two instances never admit past the limit.
 */
@Stateless
public class RenderAdmission {

    private static final Logger LOG = Logger.getLogger(RenderAdmission.class.getName());
    /** Any constant: the advisory lock's name for "admitting render sessions". */
    static final long LOCK_KEY = 0x5EED004L;

    @PersistenceContext
    EntityManager em;

    @Inject
    RenderSettings settings;

    @Inject
    RenderQueue queue;

    @Inject
    Clock clock;

    /**
     * Sends the current stage again for processing sessions whose row has not changed for {@code stallAfter}: a
     * running stage writes its progress at least every few seconds, so such a session lost its message.
     *
     * @return the sessions resumed
     */
    public List<UUID> resumeStalled(Duration stallAfter) {
        Instant now = clock.instant();
        List<UUID> ids = em.createNamedQuery(RenderSession.FIND_STALLED, UUID.class)
                .setParameter("cutoff", now.minus(stallAfter))
                .getResultList();
        List<UUID> resumed = new ArrayList<>();
        for (UUID id : ids) {
            RenderSession session = em.find(RenderSession.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (session.getStatus() == RenderStatus.PROCESSING && session.getUpdatedAt().isBefore(now.minus(stallAfter))) {
                Stage stage = session.resume(now);
                queue.enqueue(id, stage);
                resumed.add(id);
                LOG.warning(() -> "event=render_resumed session=" + id + " stage=" + stage.wire() + " reason=stalled");
            }
        }
        return resumed;
    }

    /** @return the sessions admitted now; each gets its first stage message when the transaction commits */
    public List<UUID> admitQueued() {
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(?1)) l")
                .setParameter(1, LOCK_KEY)
                .getSingleResult();
        em.flush();
        long processing = em.createNamedQuery(RenderSession.COUNT_PROCESSING, Long.class).getSingleResult();
        long free = settings.maxConcurrent() - processing;
        if (free <= 0) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                        select id from render_sessions where status = 'QUEUED'
                         order by created_at, id limit ?1 for update skip locked""", UUID.class)
                .setParameter(1, free)
                .getResultList();
        List<UUID> admitted = new ArrayList<>();
        for (UUID id : ids) {
            RenderSession session = em.find(RenderSession.class, id);
            session.start(clock.instant());
            queue.enqueue(id, Stage.RESEARCHING);
            admitted.add(id);
            LOG.info(() -> "event=render_admitted session=" + id + " processing=" + (processing + admitted.size()));
        }
        return admitted;
    }
}

package dev.syndicast.rendering.boundary;

import dev.syndicast.rendering.control.RenderRequest;
import dev.syndicast.rendering.entity.RenderSession;
import dev.syndicast.rendering.entity.RenderStatus;
import dev.syndicast.rendering.entity.Stage;
import dev.syndicast.rendering.entity.StageDecision;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The pipeline's writes to a session, each in its own short transaction: a stage runs for seconds or minutes,
 * and its progress must be visible (and a cancel possible) while it runs. Every write locks the session row,
 * so a cancel and a progress update never overwrite each other.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RenderLedger {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    RenderAdmission admission;

    public StageStart begin(UUID id, Stage stage) {
        RenderSession session = em.find(RenderSession.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (session == null) {
            return new StageStart(StageDecision.DROP, null, false);
        }
        StageDecision decision = session.decide(stage);
        if (decision == StageDecision.RUN) {
            session.beginStage(stage, clock.instant());
        }
        return new StageStart(decision, RenderRequest.of(session), session.isKeepFiles());
    }

    public void progress(UUID id, Stage stage, double fraction) {
        RenderSession session = em.find(RenderSession.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (session != null) {
            session.stageProgress(stage, fraction, clock.instant());
        }
    }

    /** @return the next stage, or empty when the session is complete (or no longer processing) */
    public Optional<Stage> finish(UUID id, Stage stage) {
        RenderSession session = em.find(RenderSession.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (session == null || session.getStatus() != RenderStatus.PROCESSING) {
            return Optional.empty();
        }
        Optional<Stage> next = session.finishStage(stage, clock.instant());
        if (next.isEmpty()) {
            admission.admitQueued();
        }
        return next;
    }

    public void recordVideo(UUID id, String path, String mediaRef, int width, int height, long durationMs, long size) {
        RenderSession session = em.find(RenderSession.class, id, LockModeType.PESSIMISTIC_WRITE);
        session.recordVideo(path, mediaRef, width, height, durationMs, size, clock.instant());
    }

    /** Fails a session that is still active; a cancelled one stays cancelled. */
    public void fail(UUID id, String message) {
        RenderSession session = em.find(RenderSession.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (session != null && session.getStatus().isActive()) {
            session.fail(message, clock.instant());
            admission.admitQueued();
        }
    }

    /** Whether a cancel asked to keep the session's files (the CLI's --keep-files). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean keepsFiles(UUID id) {
        return em.createQuery("select s.keepFiles from RenderSession s where s.id = :id", Boolean.class)
                .setParameter("id", id)
                .getResultStream().findFirst().orElse(false);
    }

    /** Cancelled, or deleted by a cleanup: either way the stage should stop. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean isStopped(UUID id) {
        RenderStatus status = em.createQuery("select s.status from RenderSession s where s.id = :id", RenderStatus.class)
                .setParameter("id", id)
                .getResultStream().findFirst().orElse(null);
        return status == null || status == RenderStatus.CANCELLED;
    }
}

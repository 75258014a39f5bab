package dev.syndicast.rendering.boundary;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.rendering.control.RenderProcesses;
import dev.syndicast.rendering.control.RenderSettings;
import dev.syndicast.rendering.control.RenderWorkspace;
import dev.syndicast.rendering.control.StageEstimates;
import dev.syndicast.rendering.entity.RenderSession;
import dev.syndicast.rendering.entity.RenderStatus;
import dev.syndicast.rendering.entity.Stage;
import dev.syndicast.system.boundary.SystemHealth;
import dev.syndicast.system.control.ComponentCheck;
import dev.syndicast.system.control.HealthStatus;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The video generation API as one facade: generate, look up, list, cancel, download, statistics and
 * cleanup. Sessions belong to a workspace; another workspace's session is "not found".
 */
@Stateless
public class RenderSessions {

    private static final Logger LOG = Logger.getLogger(RenderSessions.class.getName());
    private static final List<RenderStatus> FINAL = List.of(RenderStatus.COMPLETED, RenderStatus.FAILED, RenderStatus.CANCELLED);

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    StageEstimates estimates;

    @Inject
    RenderSettings settings;

    @Inject
    RenderProcesses processes;

    @Inject
    RenderWorkspace workspace;

    @EJB
    RenderAdmission admission;

    @Inject
    SystemHealth health;

    public RenderSession generate(UUID workspaceId, GenerateCommand command) {
        Instant now = clock.instant();
        RenderSession session = new RenderSession(workspaceId, command.userId(), command.prompt(), command.durationSeconds(),
                command.style(), command.voice(), command.quality(),
                estimates.forVideo(command.durationSeconds(), command.quality()), now);
        // Behind a full pipeline, the new session starts when the last one ahead of it is expected to finish.
        long processing = em.createNamedQuery(RenderSession.COUNT_PROCESSING, Long.class).getSingleResult();
        if (processing >= settings.maxConcurrent()) {
            Instant lastAhead = em.createQuery("select max(s.estimatedCompletion) from RenderSession s where s.status in :active", Instant.class)
                    .setParameter("active", List.of(RenderStatus.QUEUED, RenderStatus.PROCESSING))
                    .getSingleResult();
            if (lastAhead != null && lastAhead.isAfter(now)) {
                session.estimateCompletion(session.getEstimatedCompletion().plus(Duration.between(now, lastAhead)));
            }
        }
        em.persist(session);
        em.flush();
        admission.admitQueued();
        LOG.info(() -> "event=render_requested session=" + session.getId() + " duration=" + command.durationSeconds()
                + " quality=" + command.quality().wire() + " style=" + command.style().wire());
        return session;
    }

    public RenderSession status(UUID workspaceId, String id) {
        return owned(workspaceId, id);
    }

    /** The session with its stage rows loaded, for the detailed progress. */
    public RenderSession progress(UUID workspaceId, String id) {
        RenderSession session = owned(workspaceId, id);
        session.getStages().size();
        return session;
    }

    public SessionPage list(UUID workspaceId, String userId, String status, PageRequest page) {
        RenderStatus filter = null;
        if (status != null && !status.isBlank()) {
            filter = RenderStatus.fromWire(status);
            if (filter == null) {
                throw new InvalidInputException("status must be one of queued, processing, completed, failed, cancelled");
            }
        }
        List<RenderSession> sessions = em.createNamedQuery(RenderSession.LIST_FOR_WORKSPACE, RenderSession.class)
                .setParameter("workspace", workspaceId)
                .setParameter("userId", userId)
                .setParameter("status", filter)
                .setFirstResult(page.firstResult())
                .setMaxResults(page.limit())
                .getResultList();
        long total = em.createNamedQuery(RenderSession.COUNT_FOR_WORKSPACE, Long.class)
                .setParameter("workspace", workspaceId)
                .setParameter("userId", userId)
                .setParameter("status", filter)
                .getSingleResult();
        return new SessionPage(sessions, total, page.page(), page.limit());
    }

    /**
     * Cancels the session and kills its running ffmpeg on this instance at once (another instance's stage sees the
     * cancel within a second). Unless asked to keep them, the session's files go too.
     */
    public RenderSession cancel(UUID workspaceId, String id, boolean keepFiles) {
        RenderSession session = owned(workspaceId, id, LockModeType.PESSIMISTIC_WRITE);
        boolean changed = session.cancel(keepFiles, clock.instant());
        processes.cancel(session.getId());
        if (changed) {
            if (!keepFiles) {
                workspace.deleteAll(session.getId());
            }
            admission.admitQueued();
            LOG.info(() -> "event=render_cancelled session=" + session.getId() + " keep_files=" + keepFiles);
        }
        return session;
    }

    /** The finished video's file; 400 while the session has not completed, 404 when the file is gone. */
    public Path video(UUID workspaceId, String id) {
        RenderSession session = owned(workspaceId, id);
        if (session.getStatus() != RenderStatus.COMPLETED) {
            throw new InvalidInputException("Video generation not completed");
        }
        Path file = Path.of(session.getOutputPath());
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("Video file not found");
        }
        return file;
    }

    public RenderStats stats(UUID workspaceId) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        long total = 0;
        double progressSum = 0;
        for (Object[] row : em.createNamedQuery(RenderSession.COUNT_BY_STATUS, Object[].class)
                .setParameter("workspace", workspaceId).getResultList()) {
            long count = (Long) row[1];
            byStatus.put(((RenderStatus) row[0]).wire(), count);
            total += count;
            progressSum += ((Number) row[2]).doubleValue() * count;
        }
        Map<String, Long> byStage = new LinkedHashMap<>();
        for (Object[] row : em.createNamedQuery(RenderSession.COUNT_ACTIVE_BY_STAGE, Object[].class)
                .setParameter("workspace", workspaceId)
                .setParameter("statuses", List.of(RenderStatus.QUEUED, RenderStatus.PROCESSING))
                .getResultList()) {
            byStage.put(((Stage) row[0]).wire(), (Long) row[1]);
        }
        long active = byStatus.getOrDefault("queued", 0L) + byStatus.getOrDefault("processing", 0L);
        List<ComponentCheck> checks = health.checkAll();
        HealthStatus status = SystemHealth.overall(checks);
        String message = status == HealthStatus.HEALTHY ? "All systems operational"
                : "Not operational: " + String.join(", ", checks.stream().filter(c -> !c.up()).map(ComponentCheck::component).toList());
        double average = total == 0 ? 0 : Math.round(progressSum / total * 10_000) / 10_000.0;
        return new RenderStats(total, active, byStatus, byStage, average, status, message);
    }

    /**
     * The system API's {@code POST /system/cleanup} for one workspace: deletes its finished sessions (completed, failed,
     * cancelled) older than the age, with their files. A workspace's admin cleans only what the workspace's own
     * {@code /videos} routes show; no workspace reaches another's renders.
     *
     * @return how many sessions were (or, in a dry run, would be) cleaned up
     */
    public int cleanup(UUID workspaceId, int maxAgeHours, boolean dryRun) {
        return cleanup(em.createNamedQuery(RenderSession.FIND_EXPIRED_IN_WORKSPACE, RenderSession.class)
                .setParameter("workspace", workspaceId), maxAgeHours, dryRun);
    }

    /** The daily housekeeping: the same cleanup across every workspace, started by the server itself. */
    public int cleanupAllWorkspaces(int maxAgeHours) {
        return cleanup(em.createNamedQuery(RenderSession.FIND_EXPIRED, RenderSession.class), maxAgeHours, false);
    }

    private int cleanup(TypedQuery<RenderSession> expiredQuery, int maxAgeHours, boolean dryRun) {
        if (maxAgeHours < 1) {
            throw new InvalidInputException("max_age_hours must be at least 1");
        }
        Instant cutoff = clock.instant().minus(Duration.ofHours(maxAgeHours));
        List<RenderSession> expired = expiredQuery
                .setParameter("finalStatuses", FINAL)
                .setParameter("cutoff", cutoff)
                .getResultList();
        if (!dryRun) {
            for (RenderSession session : expired) {
                workspace.deleteAll(session.getId());
                processes.forget(session.getId());
                em.remove(session);
            }
        }
        return expired.size();
    }

    private RenderSession owned(UUID workspaceId, String id) {
        return owned(workspaceId, id, LockModeType.NONE);
    }

    private RenderSession owned(UUID workspaceId, String id, LockModeType lock) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("Session not found");
        }
        RenderSession session = em.find(RenderSession.class, uuid, lock);
        if (session == null || !session.getWorkspaceId().equals(workspaceId)) {
            throw new NotFoundException("Session not found");
        }
        return session;
    }
}

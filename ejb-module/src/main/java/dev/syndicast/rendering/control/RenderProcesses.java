package dev.syndicast.rendering.control;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The external processes this instance runs for each session, so a cancel can kill them at once instead of
 * waiting for the stage to look at the database.
 */
@ApplicationScoped
public class RenderProcesses {

    private final Map<UUID, Process> running = new ConcurrentHashMap<>();
    private final Set<UUID> cancelled = ConcurrentHashMap.newKeySet();

    public void register(UUID sessionId, Process process) {
        running.put(sessionId, process);
        if (cancelled.contains(sessionId)) {
            kill(process);
        }
    }

    public void unregister(UUID sessionId, Process process) {
        running.remove(sessionId, process);
    }

    /** Marks the session cancelled on this instance and kills its running process, if any. */
    public void cancel(UUID sessionId) {
        cancelled.add(sessionId);
        Process process = running.get(sessionId);
        if (process != null) {
            kill(process);
        }
    }

    public boolean isCancelled(UUID sessionId) {
        return cancelled.contains(sessionId);
    }

    /** Forgets a finished session's cancel mark. */
    public void forget(UUID sessionId) {
        cancelled.remove(sessionId);
    }

    public boolean isRunning(UUID sessionId) {
        Process process = running.get(sessionId);
        return process != null && process.isAlive();
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}

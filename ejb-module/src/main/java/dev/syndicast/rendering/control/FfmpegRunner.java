package dev.syndicast.rendering.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.logging.Logger;

/**
 * Runs ffmpeg as a child process the pipeline can stop: it polls every 100 ms for a cancel, reads the progress
 * file ffmpeg writes, and kills the process (and deletes the partial output) when the session is cancelled.
 */
@ApplicationScoped
public class FfmpegRunner {

    private static final Logger LOG = Logger.getLogger(FfmpegRunner.class.getName());
    private static final long POLL_MS = 100;

    @Inject
    RenderProcesses processes;

    /**
     * @param totalMs       the output's expected length, to turn ffmpeg's out_time into a fraction
     * @param partialOutput deleted when the run is cancelled or fails
     */
    public void encode(UUID sessionId, List<String> command, Path progressFile, Path log, long totalMs,
                       Path partialOutput, DoubleConsumer progress, BooleanSupplier cancelled) {
        Process process = start(command, log);
        processes.register(sessionId, process);
        try {
            long lastReport = 0;
            while (!process.waitFor(POLL_MS, TimeUnit.MILLISECONDS)) {
                if (cancelled.getAsBoolean()) {
                    killAndDelete(process, partialOutput);
                    throw new RenderCancelledException("Cancelled during video assembly");
                }
                long now = System.currentTimeMillis();
                if (now - lastReport >= 500) {
                    lastReport = now;
                    outTimeMs(progressFile).ifPresent(t -> progress.accept(Math.min(0.99, (double) t / totalMs)));
                }
            }
            if (processes.isCancelled(sessionId)) {
                deleteQuietly(partialOutput);
                throw new RenderCancelledException("Cancelled during video assembly");
            }
            if (process.exitValue() != 0) {
                deleteQuietly(partialOutput);
                throw new RenderFailedException("ffmpeg failed with exit code " + process.exitValue() + ": " + tail(log));
            }
        } catch (InterruptedException e) {
            killAndDelete(process, partialOutput);
            Thread.currentThread().interrupt();
            throw new RenderCancelledException("Interrupted during video assembly");
        } finally {
            processes.unregister(sessionId, process);
        }
    }

    /** Runs a short ffmpeg (probe, volume) to the end and returns what it printed. */
    public String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new RenderFailedException("ffmpeg did not finish within 60 s: " + String.join(" ", command));
            }
            return output;
        } catch (IOException e) {
            throw new RenderFailedException("Cannot run ffmpeg: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderCancelledException("Interrupted while running ffmpeg");
        }
    }

    private static Process start(List<String> command, Path log) {
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new RenderFailedException("Cannot start ffmpeg (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    private static void killAndDelete(Process process, Path partialOutput) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                LOG.warning(() -> "event=ffmpeg_kill_slow pid=" + process.pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteQuietly(partialOutput);
    }

    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warning(() -> "event=partial_file_not_deleted path=" + file + " reason=" + e.getMessage());
        }
    }

    /** The last out_time_us (ffmpeg 5+) or out_time_ms (4.x, also microseconds despite the name) in the file. */
    static java.util.Optional<Long> outTimeMs(Path progressFile) {
        try {
            if (!Files.exists(progressFile)) {
                return java.util.Optional.empty();
            }
            List<String> lines = Files.readAllLines(progressFile, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i);
                if (line.startsWith("out_time_us=") || line.startsWith("out_time_ms=")) {
                    String value = line.substring(line.indexOf('=') + 1).strip();
                    if (value.matches("\\d+")) {
                        return java.util.Optional.of(Long.parseLong(value) / 1000);
                    }
                }
            }
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.exists(log) ? Files.readString(log) : "";
            return text.length() <= 600 ? text.strip() : text.substring(text.length() - 600).strip();
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}

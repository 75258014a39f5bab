package dev.syndicast.media.control;

import dev.syndicast.media.entity.ProbeFacts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Learns duration, size, frame rate, codecs and bitrate of a file with ffprobe, or with {@code ffmpeg -i}
 * where only ffmpeg exists, and cuts a JPEG thumbnail from videos. A process that overruns the timeout is
 * killed. Probing never decides whether an item is accepted (the sniffed type did that): a file it cannot
 * read simply has no facts.
 */
public class MediaProber {

    private static final Logger LOG = Logger.getLogger(MediaProber.class.getName());
    static final int THUMBNAIL_WIDTH = 480;

    private final FfmpegTools tools;
    private final Duration timeout;

    public MediaProber(FfmpegTools tools, Duration timeout) {
        this.tools = tools;
        this.timeout = timeout;
    }

    public ProbeFacts probe(Path file) {
        try {
            if (tools.ffprobe().isPresent()) {
                Run run = run(List.of(tools.ffprobe().get().toString(), "-v", "error", "-print_format", "json",
                        "-show_format", "-show_streams", file.toString()), false);
                if (run.exitCode == 0) {
                    return FfmpegOutput.parseFfprobeJson(run.output);
                }
                LOG.warning(() -> "event=probe_failed tool=ffprobe exit=" + run.exitCode + " file=" + file.getFileName());
            }
            if (tools.ffmpeg().isPresent()) {
                // ffmpeg exits 1 here ("no output file"): the stream summary on stderr is all we want.
                Run run = run(List.of(tools.ffmpeg().get().toString(), "-hide_banner", "-nostdin", "-i", file.toString()), true);
                return FfmpegOutput.parseFfmpegInfo(run.output);
            }
            return ProbeFacts.NONE;
        } catch (ProbeTimeoutException e) {
            LOG.warning(() -> "event=probe_timeout file=" + file.getFileName() + " timeout=" + timeout);
            return ProbeFacts.NONE;
        }
    }

    /**
     * Writes a JPEG of one frame (a second in, or the middle of shorter clips) to {@code target}.
     *
     * @return whether a thumbnail was written
     */
    public boolean thumbnail(Path video, Double durationSeconds, Path target) {
        if (tools.ffmpeg().isEmpty()) {
            return false;
        }
        double at = durationSeconds == null ? 0 : Math.min(1.0, durationSeconds / 2);
        List<String> command = new ArrayList<>(List.of(tools.ffmpeg().get().toString(), "-hide_banner", "-nostdin",
                "-v", "error", "-y", "-ss", String.format(Locale.ROOT, "%.3f", at), "-i", video.toString(),
                "-frames:v", "1", "-vf", "scale='min(" + THUMBNAIL_WIDTH + ",iw)':-2", "-f", "image2", "-c:v", "mjpeg",
                target.toString()));
        try {
            Run run = run(command, true);
            boolean written = run.exitCode == 0 && Files.isRegularFile(target) && Files.size(target) > 0;
            if (!written) {
                LOG.warning(() -> "event=thumbnail_failed exit=" + run.exitCode + " output=\"" + run.output.strip() + "\"");
                Files.deleteIfExists(target);
            }
            return written;
        } catch (ProbeTimeoutException e) {
            LOG.warning(() -> "event=thumbnail_timeout file=" + video.getFileName());
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static final class ProbeTimeoutException extends Exception {
    }

    private Run run(List<String> command, boolean mergeStderr) throws ProbeTimeoutException {
        Path output = null;
        try {
            // Output goes to a file, not a pipe: a chatty process can never block on a full pipe.
            output = Files.createTempFile("syndicast-probe-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile());
            if (mergeStderr) {
                builder.redirectErrorStream(true);
            } else {
                builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            }
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new ProbeTimeoutException();
            }
            // Lenient decoding: container metadata in the summary need not be valid UTF-8.
            return new Run(process.exitValue(), new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeTimeoutException();
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    LOG.fine(() -> "event=probe_output_not_deleted reason=" + e.getMessage());
                }
            }
        }
    }
}

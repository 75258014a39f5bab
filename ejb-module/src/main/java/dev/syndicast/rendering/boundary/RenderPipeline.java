package dev.syndicast.rendering.boundary;

import dev.syndicast.rendering.control.FfmpegBinary;
import dev.syndicast.rendering.control.FfmpegCommands;
import dev.syndicast.rendering.control.FfmpegRunner;
import dev.syndicast.rendering.control.Narrator;
import dev.syndicast.rendering.control.OfflineResearcher;
import dev.syndicast.rendering.control.Outline;
import dev.syndicast.rendering.control.RenderCancelledException;
import dev.syndicast.rendering.control.RenderFailedException;
import dev.syndicast.rendering.control.RenderProcesses;
import dev.syndicast.rendering.control.RenderQueue;
import dev.syndicast.rendering.control.RenderRequest;
import dev.syndicast.rendering.control.RenderSettings;
import dev.syndicast.rendering.control.RenderWorkspace;
import dev.syndicast.rendering.control.RenderedVideoSink;
import dev.syndicast.rendering.control.Scene;
import dev.syndicast.rendering.control.Script;
import dev.syndicast.rendering.control.ScriptWriter;
import dev.syndicast.rendering.control.SlideBackgrounds;
import dev.syndicast.rendering.control.SlideRenderer;
import dev.syndicast.rendering.control.VideoProbe;
import dev.syndicast.rendering.entity.Stage;
import dev.syndicast.rendering.entity.StageDecision;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one stage of one session, as delivered by the render queue, in the delivery's transaction: the next
 * stage's message is sent in that transaction, so it leaves only when this delivery is acknowledged. Each stage
 * reads what the stages before it wrote into the session's directory, so a stage redelivered after a crash
 * starts over on its own and the finished ones are not repeated.
 */
@Stateless
public class RenderPipeline {

    private static final Logger LOG = Logger.getLogger(RenderPipeline.class.getName());
    /** How often a stage asks the database whether its session was cancelled on another instance. */
    private static final long CANCEL_POLL_MS = 1000;

    @EJB
    RenderLedger ledger;

    @Inject
    RenderQueue queue;

    @Inject
    RenderWorkspace workspace;

    @Inject
    RenderProcesses processes;

    @Inject
    RenderSettings settings;

    @Inject
    OfflineResearcher researcher;

    @Inject
    ScriptWriter scriptWriter;

    @Inject
    SlideRenderer slides;

    @Inject
    SlideBackgrounds slideBackgrounds;

    @Inject
    Narrator narrator;

    @Inject
    FfmpegBinary ffmpeg;

    @Inject
    FfmpegRunner runner;

    @Inject
    RenderedVideoSink sink;

    public void run(UUID id, Stage stage) {
        StageStart start = ledger.begin(id, stage);
        if (start.decision() == StageDecision.ALREADY_DONE) {
            // The previous delivery finished the stage but did not get to send the next message.
            Optional.ofNullable(stage.next()).ifPresent(next -> queue.enqueue(id, next));
            return;
        }
        if (start.decision() == StageDecision.DROP) {
            if (start.request() != null && ledger.isStopped(id) && !start.keepFiles()) {
                workspace.deleteAll(id);
            }
            processes.forget(id);
            return;
        }
        long began = System.nanoTime();
        CancelWatch cancelled = new CancelWatch(id);
        try {
            Path dir = workspace.dir(id);
            work(stage, start.request(), dir, fraction -> ledger.progress(id, stage, fraction), cancelled);
            cancelled.check();
            Optional<Stage> next = ledger.finish(id, stage);
            next.ifPresent(n -> queue.enqueue(id, n));
            if (next.isEmpty()) {
                processes.forget(id);
            }
            LOG.info(() -> "event=render_stage_done session=" + id + " stage=" + stage.wire()
                    + " ms=" + (System.nanoTime() - began) / 1_000_000);
        } catch (RenderCancelledException e) {
            stopped(id);
        } catch (RenderFailedException | UncheckedIOException e) {
            if (cancelled.getAsBoolean()) {
                stopped(id);
                return;
            }
            LOG.log(Level.WARNING, "event=render_failed session=" + id + " stage=" + stage.wire() + " reason=\"" + e.getMessage() + "\"", e);
            ledger.fail(id, stage.wire() + " failed: " + e.getMessage());
        } catch (RuntimeException e) {
            // A bug, not bad input: logged in full, and the session fails with a reference instead of hanging in
            // "processing" while the broker redelivers the same crash.
            if (cancelled.getAsBoolean()) {
                stopped(id);
                return;
            }
            LOG.log(Level.SEVERE, "event=render_crashed session=" + id + " stage=" + stage.wire(), e);
            ledger.fail(id, stage.wire() + " failed unexpectedly (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); see the server log for session " + id);
        }
    }

    private void stopped(UUID id) {
        LOG.info(() -> "event=render_stage_stopped session=" + id + " reason=cancelled");
        if (!ledger.keepsFiles(id)) {
            workspace.deleteAll(id);
        }
        processes.forget(id);
    }

    private void work(Stage stage, RenderRequest request, Path dir, DoubleConsumer progress, CancelWatch cancelled) {
        switch (stage) {
            case RESEARCHING -> researcher.research(request.prompt(), request.style()).write(RenderWorkspace.outline(dir));
            case SCRIPTING -> scriptWriter.write(Outline.read(RenderWorkspace.outline(dir)), request).write(RenderWorkspace.script(dir));
            case ASSET_SOURCING -> slides(request, dir, progress, cancelled);
            case AUDIO_GENERATION -> narration(dir, progress, cancelled);
            case VIDEO_ASSEMBLY -> assemble(request, dir, progress, cancelled);
            case FINALIZING -> finalizeVideo(request, dir);
            case INITIALIZING -> throw new IllegalArgumentException("initializing is not a working stage");
        }
    }

    private void slides(RenderRequest request, Path dir, DoubleConsumer progress, CancelWatch cancelled) {
        Script script = Script.read(RenderWorkspace.script(dir));
        Path slideDir = RenderWorkspace.slides(dir);
        List<Path> backgrounds = slideBackgrounds.collect(request.workspaceId(),
                Outline.read(RenderWorkspace.outline(dir)).keywords(), slideDir.resolve("backgrounds"));
        List<Path> files = new ArrayList<>();
        List<Long> durations = new ArrayList<>();
        for (Scene scene : script.scenes()) {
            cancelled.check();
            Path file = slideDir.resolve(String.format("slide-%03d.png", scene.index()));
            Path background = backgrounds.isEmpty() ? null : backgrounds.get(scene.index() % backgrounds.size());
            slides.render(script, scene, request.style(), request.quality(), file, background);
            files.add(file);
            durations.add(scene.durationMs());
            progress.accept((scene.index() + 1.0) / script.scenes().size());
        }
        write(RenderWorkspace.concatList(dir), FfmpegCommands.concatList(files, durations));
    }

    private void narration(Path dir, DoubleConsumer progress, CancelWatch cancelled) {
        Script script = Script.read(RenderWorkspace.script(dir));
        byte[] all = new byte[(int) (script.totalMs() * 32)];
        List<String> texts = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        int offset = 0;
        for (Scene scene : script.scenes()) {
            cancelled.check();
            byte[] pcm = narrator.speak(scene.narration(), scene.durationMs());
            System.arraycopy(pcm, 0, all, offset, Math.min(pcm.length, all.length - offset));
            long start = script.startMs(scene.index());
            texts.add(scene.narration());
            starts.add(start);
            ends.add(start + Math.max(500, Math.min(scene.durationMs(), Narrator.spokenMs(pcm) + 300)));
            offset += pcm.length;
            progress.accept((scene.index() + 1.0) / script.scenes().size());
        }
        Narrator.writeWav(all, RenderWorkspace.narration(dir));
        write(RenderWorkspace.subtitles(dir), FfmpegCommands.srt(texts, starts, ends));
    }

    private void assemble(RenderRequest request, Path dir, DoubleConsumer progress, CancelWatch cancelled) {
        Path partial = RenderWorkspace.partialVideo(dir, request.sessionId());
        Path progressFile = RenderWorkspace.progress(dir);
        FfmpegRunner.deleteQuietly(progressFile);
        List<String> command = FfmpegCommands.encode(ffmpeg.path(), RenderWorkspace.concatList(dir),
                RenderWorkspace.narration(dir), RenderWorkspace.subtitles(dir), partial, progressFile,
                request.quality(), request.durationSeconds(), settings.encoder());
        runner.encode(request.sessionId(), command, progressFile, RenderWorkspace.log(dir),
                request.durationSeconds() * 1000L, partial, progress, cancelled);
        try {
            Files.move(partial, RenderWorkspace.video(dir, request.sessionId()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move the rendered video into place", e);
        }
    }

    private void finalizeVideo(RenderRequest request, Path dir) {
        Path video = RenderWorkspace.video(dir, request.sessionId());
        if (!Files.isRegularFile(video)) {
            throw new RenderFailedException("The rendered video is missing: " + video);
        }
        VideoProbe probe = VideoProbe.parse(runner.run(FfmpegCommands.probe(ffmpeg.path(), video)));
        if (!"h264".equals(probe.videoCodec()) || !"aac".equals(probe.audioCodec())
                || Math.abs(probe.durationMs() - request.durationSeconds() * 1000L) > 1000) {
            throw new RenderFailedException("The rendered video is not what was asked for: " + probe);
        }
        long size;
        try {
            size = Files.size(video);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Script script = Script.read(RenderWorkspace.script(dir));
        RenderedVideoSink.Registration registration = sink.register(new RenderedVideoSink.RenderedVideo(
                request.sessionId(), request.workspaceId(), script.title(), video, probe, size));
        ledger.recordVideo(request.sessionId(), registration.file().toString(), registration.mediaRef(),
                probe.width(), probe.height(), probe.durationMs(), size);
        if (!settings.keepIntermediate()) {
            workspace.deleteIntermediate(dir);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** True once the session is cancelled: at once for a cancel on this instance, within a second for another. */
    private final class CancelWatch implements BooleanSupplier {

        private final UUID id;
        private long lastPoll;
        private boolean stopped;

        CancelWatch(UUID id) {
            this.id = id;
        }

        @Override
        public boolean getAsBoolean() {
            if (stopped || processes.isCancelled(id)) {
                return true;
            }
            long now = System.currentTimeMillis();
            if (now - lastPoll >= CANCEL_POLL_MS) {
                lastPoll = now;
                stopped = ledger.isStopped(id);
            }
            return stopped;
        }

        void check() {
            if (getAsBoolean()) {
                throw new RenderCancelledException("Session " + id + " was cancelled");
            }
        }
    }
}

package dev.syndicast.rendering.control;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.audio.AudioPlayer;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Offline narration with FreeTTS' kevin16 voice (16 kHz, 16-bit mono). The voice is loaded once (about 0.6 s)
 * and is not thread-safe, so speaking is serialised; one scene takes tens of milliseconds.
 */
@ApplicationScoped
public class Narrator {

    public static final AudioFormat FORMAT = new AudioFormat(16_000f, 16, 1, true, false);

    private Voice voice;
    private final CapturingPlayer player = new CapturingPlayer();

    /**
     * Speaks the text and pads with silence or trims to exactly {@code durationMs}.
     *
     * @return little-endian 16-bit PCM at {@link #FORMAT}
     */
    public synchronized byte[] speak(String text, long durationMs) {
        Voice v = voice();
        player.clear();
        v.speak(text);
        byte[] speech = toLittleEndian(player.bytes(), player.getAudioFormat());
        int target = (int) (durationMs * 16L) * 2;
        byte[] out = new byte[target];
        System.arraycopy(speech, 0, out, 0, Math.min(target, speech.length - speech.length % 2));
        return out;
    }

    /** Milliseconds until the last audible sample of PCM from {@link #speak}, for timing the subtitles. */
    public static long spokenMs(byte[] pcm) {
        int last = pcm.length - 2;
        while (last >= 0 && Math.abs((short) ((pcm[last] & 0xff) | (pcm[last + 1] << 8))) < 64) {
            last -= 2;
        }
        return Math.max(0, (last + 2) / 32L);
    }

    public static void writeWav(byte[] pcm, Path target) {
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), FORMAT, pcm.length / 2)) {
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, tmp.toFile());
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    private Voice voice() {
        if (voice == null) {
            Voice kevin = null;
            for (Voice candidate : new KevinVoiceDirectory().getVoices()) {
                if (candidate.getName().equals("kevin16")) {
                    kevin = candidate;
                }
            }
            if (kevin == null) {
                throw new IllegalStateException("FreeTTS voice kevin16 is missing from the classpath");
            }
            kevin.setAudioPlayer(player);
            kevin.allocate();
            voice = kevin;
        }
        return voice;
    }

    /** FreeTTS writes big-endian 16 kHz mono; ffmpeg and WAV want little-endian. */
    private static byte[] toLittleEndian(byte[] pcm, AudioFormat format) {
        if (format == null || !format.isBigEndian()) {
            return pcm;
        }
        byte[] out = new byte[pcm.length - pcm.length % 2];
        for (int i = 0; i < out.length; i += 2) {
            out[i] = pcm[i + 1];
            out[i + 1] = pcm[i];
        }
        return out;
    }

    /** Keeps what FreeTTS would play in memory instead of sending it to a sound card. */
    static final class CapturingPlayer implements AudioPlayer {

        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private AudioFormat format;

        byte[] bytes() { return buffer.toByteArray(); }

        void clear() { buffer.reset(); }

        @Override public void setAudioFormat(AudioFormat f) { format = f; }
        @Override public AudioFormat getAudioFormat() { return format; }
        @Override public void pause() { }
        @Override public void resume() { }
        @Override public void reset() { }
        @Override public boolean drain() { return true; }
        @Override public void begin(int size) { }
        @Override public boolean end() { return true; }
        @Override public void cancel() { }
        @Override public void close() { }
        @Override public float getVolume() { return 1f; }
        @Override public void setVolume(float volume) { }
        @Override public long getTime() { return 0; }
        @Override public void resetTime() { }
        @Override public void startFirstSampleTimer() { }
        @Override public boolean write(byte[] audio) { return write(audio, 0, audio.length); }
        @Override public boolean write(byte[] audio, int offset, int length) { buffer.write(audio, offset, length); return true; }
        @Override public void showMetrics() { }
    }
}

package dev.syndicast.media.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalMediaStorageTest {

    @TempDir
    Path dir;

    @Test
    void storesByMovingAndReadsAtAnyPosition() throws Exception {
        LocalMediaStorage storage = new LocalMediaStorage(dir.resolve("media"));
        Path staged = Files.write(dir.resolve("staged"), "0123456789".getBytes());
        storage.store(staged, "library/w/abc.mp4");
        assertThat(staged).doesNotExist();
        assertThat(storage.exists("library/w/abc.mp4")).isTrue();
        assertThat(storage.size("library/w/abc.mp4")).isEqualTo(10);
        try (SeekableByteChannel channel = storage.open("library/w/abc.mp4")) {
            ByteBuffer buffer = ByteBuffer.allocate(3);
            channel.position(7).read(buffer);
            assertThat(new String(buffer.array())).isEqualTo("789");
        }
    }

    @Test
    void storingTheSameKeyTwiceKeepsOneFile() throws Exception {
        LocalMediaStorage storage = new LocalMediaStorage(dir.resolve("media"));
        storage.store(Files.write(dir.resolve("a"), "same".getBytes()), "library/w/k.jpg");
        Path second = Files.write(dir.resolve("b"), "same".getBytes());
        storage.store(second, "library/w/k.jpg");
        assertThat(second).doesNotExist();
        storage.delete("library/w/k.jpg");
        storage.delete("library/w/k.jpg");
        assertThat(storage.exists("library/w/k.jpg")).isFalse();
    }

    @Test
    void keysCannotEscapeTheRoot() {
        LocalMediaStorage storage = new LocalMediaStorage(dir.resolve("media"));
        assertThatThrownBy(() -> storage.resolve("../secret")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.resolve("/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.syndicast.tenancy.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FirstKeyHandoverTest {

    private static final String KEY = "syn_0123456789abcdefghijklmnopqrstuv";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private FirstKeyHandover handover(Optional<Path> file) {
        return new FirstKeyHandover(file, new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @Test
    void with_a_key_file_the_key_goes_into_it_readable_by_the_owner_only_and_never_to_the_console() throws IOException {
        Path file = dir.resolve("run/bootstrap-key");

        assertThat(handover(Optional.of(file)).handOver(KEY)).contains(file);

        assertThat(Files.readString(file)).isEqualTo(KEY + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain(KEY);
        try (var left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void a_file_left_by_an_earlier_start_is_replaced_by_the_newest_key() throws IOException {
        Path file = Files.writeString(dir.resolve("bootstrap-key"), "syn_an_older_key_never_shown_000000\n");

        handover(Optional.of(file)).handOver(KEY);

        assertThat(Files.readString(file)).isEqualTo(KEY + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void without_a_key_file_the_key_is_printed_once_to_the_console() {
        assertThat(handover(Optional.empty()).handOver(KEY)).isEmpty();

        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains(KEY, "shown only once", "SYNDICAST_BOOTSTRAP_KEY");
    }

    @Test
    void a_key_file_that_cannot_be_written_falls_back_to_the_console_so_the_key_is_not_lost() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");

        assertThat(handover(Optional.of(notADirectory.resolve("bootstrap-key"))).handOver(KEY)).isEmpty();

        assertThat(console.toString(StandardCharsets.UTF_8)).contains(KEY);
    }
}

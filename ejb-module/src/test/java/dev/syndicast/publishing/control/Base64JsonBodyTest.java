package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Base64JsonBodyTest {

    @Test
    void filesAreInlinedAsPaddedBase64WithTheirLengthDeclared(@TempDir Path dir) throws Exception {
        Random random = new Random(7);
        // Sizes around the padding cases and across the encoder's chunk (3 x 16 KiB).
        for (int size : new int[]{0, 1, 2, 3, 4, 49_151, 49_152, 49_153, 200_000}) {
            byte[] first = new byte[size];
            random.nextBytes(first);
            byte[] second = "tiny".getBytes(StandardCharsets.UTF_8);
            String nonce = Base64JsonBody.nonce();
            String json = "{\"a\":\"" + Base64JsonBody.placeholder(nonce, 0) + "\",\"b\":[\"" + Base64JsonBody.placeholder(nonce, 1)
                    + "\"],\"t\":\"ünïcödé\"}";
            List<SeekableByteChannel> channels = new ArrayList<>();
            channels.add(Files.newByteChannel(Files.write(dir.resolve("f" + size), first)));
            channels.add(Files.newByteChannel(Files.write(dir.resolve("g" + size), second)));
            try {
                Base64JsonBody body = Base64JsonBody.of(json, nonce, channels);
                String expected = "{\"a\":\"" + Base64.getEncoder().encodeToString(first) + "\",\"b\":[\""
                        + Base64.getEncoder().encodeToString(second) + "\"],\"t\":\"ünïcödé\"}";
                byte[] sent = TestResponses.drain(body.publisher());
                assertThat(new String(sent, StandardCharsets.UTF_8)).isEqualTo(expected);
                assertThat(body.length()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8).length);
                // A resent request reads the files again from their start.
                assertThat(TestResponses.drain(body.publisher())).isEqualTo(sent);
            } finally {
                for (SeekableByteChannel c : channels) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aMissingPlaceholderIsAMistake(@TempDir Path dir) throws Exception {
        try (SeekableByteChannel channel = Files.newByteChannel(Files.write(dir.resolve("x"), new byte[3]))) {
            assertThatThrownBy(() -> Base64JsonBody.of("{}", "n", List.of(channel))).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Base64JsonBody.encodedLength(0)).isZero();
        assertThat(Base64JsonBody.encodedLength(1)).isEqualTo(4);
        assertThat(Base64JsonBody.encodedLength(3)).isEqualTo(4);
        assertThat(Base64JsonBody.encodedLength(4)).isEqualTo(8);
    }
}

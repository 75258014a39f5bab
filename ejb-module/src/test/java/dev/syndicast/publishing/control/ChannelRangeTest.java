package dev.syndicast.publishing.control;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelRangeTest {

    @TempDir
    Path dir;

    /** A file channel (pieces mapped from the page cache) and another channel (pieces read into arrays). */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sendsExactlyTheRangeInPiecesWithItsLength(boolean fileChannel) throws Exception {
        byte[] file = pattern(ChannelRange.PIECE * 2 + 1000);
        try (SeekableByteChannel channel = open(file, fileChannel)) {
            long offset = 500;
            long length = ChannelRange.PIECE + 700L;
            HttpRequest.BodyPublisher body = ChannelRange.publisher(channel, offset, length);
            assertThat(body.contentLength()).isEqualTo(length);
            Received received = drain(body);
            assertThat(received.bytes()).isEqualTo(Arrays.copyOfRange(file, (int) offset, (int) (offset + length)));
            assertThat(received.pieces()).as("a full piece, then the rest").containsExactly(ChannelRange.PIECE, 700);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void everySubscriptionSendsTheSameBytesFromTheStart(boolean fileChannel) throws Exception {
        byte[] file = pattern(10_000);
        try (SeekableByteChannel channel = open(file, fileChannel)) {
            HttpRequest.BodyPublisher body = ChannelRange.publisher(channel, 1000, 5000);
            byte[] first = drain(body).bytes();
            channel.position(9000); // whoever used the channel in between does not matter
            assertThat(drain(body).bytes()).isEqualTo(first).isEqualTo(Arrays.copyOfRange(file, 1000, 6000));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aFileThatEndsBeforeItsRangeFailsTheBody(boolean fileChannel) throws Exception {
        try (SeekableByteChannel channel = open(pattern(1000), fileChannel)) {
            assertThatThrownBy(() -> drain(ChannelRange.publisher(channel, 500, 1000)))
                    .hasRootCauseInstanceOf(java.io.EOFException.class).hasStackTraceContaining("ended at byte 1000");
        }
    }

    private record Received(byte[] bytes, List<Integer> pieces) {
    }

    /** Subscribes as the HTTP client does, asking for one piece at a time. */
    private static Received drain(HttpRequest.BodyPublisher body) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Integer> pieces = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        body.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscription.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                pieces.add(item.remaining());
                byte[] piece = new byte[item.remaining()];
                item.get(piece);
                bytes.writeBytes(piece);
                subscription.request(1);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get(10, TimeUnit.SECONDS);
        return new Received(bytes.toByteArray(), pieces);
    }

    private SeekableByteChannel open(byte[] content, boolean fileChannel) throws IOException {
        Path file = Files.write(dir.resolve("media.bin"), content);
        java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ);
        return fileChannel ? channel : new OtherChannel(channel);
    }

    /** A channel that is not a {@code FileChannel} (as a storage other than the local disk could hand out). */
    private record OtherChannel(SeekableByteChannel delegate) implements SeekableByteChannel {
        @Override
        public int read(ByteBuffer dst) throws IOException {
            return delegate.read(dst);
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() throws IOException {
            return delegate.position();
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            delegate.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return delegate.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return delegate.isOpen();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }

    private static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + i / 251);
        }
        return bytes;
    }
}

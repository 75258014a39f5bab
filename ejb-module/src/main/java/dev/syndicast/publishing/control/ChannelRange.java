package dev.syndicast.publishing.control;

import java.io.EOFException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A byte range of a media file as a request body, with its length declared (the request carries a
 * {@code Content-Length}): read from the channel at its offset in pieces of {@value #PIECE} bytes as the HTTP client
 * asks for them, so neither the file nor the range is ever held in memory whole. Each piece is a new array, since the
 * client may still be writing one when it asks for the next; a few are alive at a time.
 *
 * <p>The JDK's own publishers ({@code BodyPublishers.ofInputStream}, {@code ofByteArrays}, {@code ofByteArray}) all hand
 * the client 16 KB at a time, and every piece passes between the client's threads; a quarter of a megabyte per piece
 * makes that sixteen times rarer, which is what an upload of a large video waits for on a busy machine. Every
 * subscription reads the range from its start, so a request the client sends again sends the same bytes.
 */
final class ChannelRange {

    static final int PIECE = 256 * 1024;

    private ChannelRange() {
    }

    /** The {@code length} bytes of {@code channel} from {@code offset}. */
    static HttpRequest.BodyPublisher publisher(SeekableByteChannel channel, long offset, long length) {
        Flow.Publisher<ByteBuffer> pieces = subscriber -> subscriber.onSubscribe(new Pieces(channel, offset, length, subscriber));
        return HttpRequest.BodyPublishers.fromPublisher(pieces, length);
    }

    /**
     * One subscription: each piece read when asked for (Reactive Streams rules: never more than requested, a request
     * made from inside {@code onNext} does not recurse, nothing after cancel). A file that ends before the range does
     * fails the body; it is not padded.
     */
    private static final class Pieces implements Flow.Subscription {
        private final SeekableByteChannel channel;
        private final long end;
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger draining = new AtomicInteger();
        private volatile boolean done;
        private volatile boolean invalidRequest;
        private long position;

        Pieces(SeekableByteChannel channel, long offset, long length, Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.channel = channel;
            this.position = offset;
            this.end = offset + length;
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                invalidRequest = true;
            }
            demand.getAndAccumulate(Math.max(n, 1), (now, more) -> now + more < 0 ? Long.MAX_VALUE : now + more);
            drain();
        }

        @Override
        public void cancel() {
            done = true;
        }

        /** Sends pieces while there is demand; only one thread at a time, the others leave their demand to it. */
        private void drain() {
            if (draining.getAndIncrement() != 0) {
                return;
            }
            do {
                while (!done && demand.get() > 0) {
                    if (invalidRequest) {
                        done = true;
                        subscriber.onError(new IllegalArgumentException("a request for no or negative demand (rule 3.9)"));
                        return;
                    }
                    if (position >= end) {
                        done = true;
                        subscriber.onComplete();
                        return;
                    }
                    ByteBuffer piece;
                    try {
                        piece = next();
                    } catch (IOException e) {
                        done = true;
                        subscriber.onError(e);
                        return;
                    }
                    demand.decrementAndGet();
                    subscriber.onNext(piece);
                }
            } while (draining.decrementAndGet() != 0);
        }

        private ByteBuffer next() throws IOException {
            ByteBuffer piece = ByteBuffer.allocate((int) Math.min(PIECE, end - position));
            while (piece.hasRemaining()) {
                if (read(piece, position + piece.position()) < 0) {
                    throw new EOFException("the file ended at byte " + (position + piece.position())
                            + ", before the end of its range at " + end);
                }
            }
            position += piece.capacity();
            return piece.flip();
        }

        /** A file channel reads at a position without moving it; another channel is positioned first. */
        private int read(ByteBuffer buffer, long at) throws IOException {
            if (channel instanceof FileChannel file) {
                return file.read(buffer, at);
            }
            channel.position(at);
            return channel.read(buffer);
        }
    }
}

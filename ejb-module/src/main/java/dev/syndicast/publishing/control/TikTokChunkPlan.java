package dev.syndicast.publishing.control;

/**
 * How a video is cut for TikTok's file upload, after the Media Transfer Guide's chunk restrictions
 * (developers.tiktok.com/doc/content-posting-api-media-transfer-guide, "Work with chunks"; its MB are MiB: its 4 MB
 * example is 4,194,304 bytes):
 * <ul>
 *     <li>{@code total_chunk_count} is {@code video_size / chunk_size} rounded down;</li>
 *     <li>each chunk is 5 to 64 MB, except the final one, which takes the trailing bytes (up to 128 MB);</li>
 *     <li>a video under 5 MB goes whole, with {@code chunk_size} equal to its size; one over 64 MB in several chunks;</li>
 *     <li>1 to 1000 chunks, sent in order.</li>
 * </ul>
 * Chunk {@code i} starts at {@code i * chunkSize}; the last one runs to the end of the file.
 */
record TikTokChunkPlan(long videoSize, long chunkSize, int count) {

    static final long MB = 1024L * 1024L;
    static final long MIN_CHUNK = 5 * MB;
    static final long MAX_CHUNK = 64 * MB;
    static final long MAX_FINAL_CHUNK = 128 * MB;
    static final int MAX_CHUNKS = 1000;

    TikTokChunkPlan {
        if (videoSize <= 0 || chunkSize <= 0 || count < 1) {
            throw new IllegalArgumentException("not a chunk plan: " + videoSize + "/" + chunkSize + "/" + count);
        }
    }

    /**
     * The plan for a file of {@code videoSize} bytes, in chunks of about {@code preferred} bytes (kept within 5-64 MB):
     * a file no larger than one such chunk goes whole (a single chunk may be up to 64 MB); a larger one in
     * {@code floor(size / chunk)} chunks, the last taking the rest; a file over 64 MB in at least two.
     */
    static TikTokChunkPlan of(long videoSize, long preferred) {
        if (videoSize <= 0) {
            throw new IllegalArgumentException("a video of " + videoSize + " bytes cannot be uploaded");
        }
        long chunk = Math.min(Math.max(preferred, MIN_CHUNK), MAX_CHUNK);
        if (videoSize <= chunk) {
            return new TikTokChunkPlan(videoSize, videoSize, 1);
        }
        if (videoSize > MAX_CHUNK) {
            // More than 64 MB must go in several chunks: floor(size / chunk) must be at least 2.
            chunk = Math.min(chunk, videoSize / 2);
        }
        // At most 1000 chunks (a 4 GB video in 5 MB chunks needs 820): grow the chunk when a file would need more.
        chunk = Math.max(chunk, ceilDiv(videoSize, MAX_CHUNKS));
        return new TikTokChunkPlan(videoSize, chunk, (int) (videoSize / chunk));
    }

    /** The first byte of chunk {@code index}. */
    long first(int index) {
        return index * chunkSize;
    }

    /** The bytes of chunk {@code index}: {@code chunkSize}, the last one the rest of the file. */
    long length(int index) {
        return index == count - 1 ? videoSize - first(index) : chunkSize;
    }

    /** The {@code Content-Range} of chunk {@code index}: {@code bytes FIRST-LAST/TOTAL}. */
    String contentRange(int index) {
        return "bytes " + first(index) + "-" + (first(index) + length(index) - 1) + "/" + videoSize;
    }

    /** How many chunks (from the first) lie wholly within the first {@code bytes} bytes: the chunks TikTok has. */
    int chunksWithin(long bytes) {
        int whole = 0;
        while (whole < count && first(whole) + length(whole) <= bytes) {
            whole++;
        }
        return whole;
    }

    /** Every rule of the Media Transfer Guide this plan breaks (none for a plan made by {@link #of}). */
    java.util.List<String> problems() {
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (count != videoSize / chunkSize) {
            problems.add("total_chunk_count must be video_size / chunk_size rounded down (" + videoSize / chunkSize + ")");
        }
        if (videoSize < MIN_CHUNK && (chunkSize != videoSize || count != 1)) {
            problems.add("a video under 5 MB goes whole: chunk_size = video_size, one chunk");
        }
        if (videoSize >= MIN_CHUNK && (chunkSize < MIN_CHUNK || chunkSize > MAX_CHUNK)) {
            problems.add("chunk_size must be 5 to 64 MB");
        }
        if (videoSize > MAX_CHUNK && count < 2) {
            problems.add("a video over 64 MB goes in several chunks");
        }
        if (count > MAX_CHUNKS) {
            problems.add("at most 1000 chunks");
        }
        if (count >= 1 && count == videoSize / chunkSize && length(count - 1) > MAX_FINAL_CHUNK) {
            problems.add("the final chunk may be at most 128 MB");
        }
        return problems;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}

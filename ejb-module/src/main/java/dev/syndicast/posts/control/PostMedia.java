package dev.syndicast.posts.control;

/** A media reference on a post: a library item, a URL, or both; type and duration when known (for validation). */
public record PostMedia(String url, String mediaId, String type, Integer durationSeconds) {

    /**
     * This reference with what the media library found when it probed the item: its type always wins over the
     * caller's (a video sent without a type must not count as an image), its duration when it has one.
     */
    public PostMedia withLibraryFacts(String probedType, Double probedSeconds) {
        Integer seconds = probedSeconds == null ? durationSeconds : (Integer) (int) Math.ceil(probedSeconds);
        return new PostMedia(url, mediaId, probedType == null ? type : probedType, seconds);
    }

    public boolean isVideo() {
        return type != null ? type.startsWith("video/") : url != null && url.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(mp4|mov|webm|m4v)(\\?.*)?$");
    }
}

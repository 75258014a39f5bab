package dev.syndicast.posts.control;

/** A media reference on a post: a library item, a URL, or both; type and duration when known (for validation). */
public record PostMedia(String url, String mediaId, String type, Integer durationSeconds) {

    public boolean isVideo() {
        return type != null ? type.startsWith("video/") : url != null && url.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(mp4|mov|webm|m4v)(\\?.*)?$");
    }
}

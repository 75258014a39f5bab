package dev.syndicast.platforms.entity;

import java.util.List;

/**
 * What a platform accepts as media on one post. Zero means "not accepted" (for counts) or "no documented limit"
 * (for sizes and durations). Aspect ratios are width:height strings such as "9:16". {@code videoAlone}: a video is the
 * post's only media item (the platform takes one video, or images, never both in one post).
 */
public record MediaLimits(int maxItems, int maxImages, int maxVideos, List<String> types, long maxImageBytes,
                          long maxVideoBytes, int minVideoSeconds, int maxVideoSeconds, List<String> aspectRatios,
                          boolean videoAlone) {

    public MediaLimits {
        types = List.copyOf(types);
        aspectRatios = List.copyOf(aspectRatios);
    }

    public boolean accepts(String mimeType) {
        return types.contains(mimeType);
    }
}

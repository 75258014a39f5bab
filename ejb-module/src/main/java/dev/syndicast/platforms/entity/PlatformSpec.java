package dev.syndicast.platforms.entity;

import java.util.List;

/**
 * One platform's constraints and connection facts, as the registry resolved them (defaults plus this
 * deployment's overrides). {@code publishWired} says whether a publishing connector exists for it.
 */
public record PlatformSpec(String name, String displayName, List<String> aliases, int maxCharacters, int maxTitleCharacters,
                           MediaLimits media, boolean supportsThreads, boolean supportsCarousel, boolean supportsHashtags,
                           int maxHashtags, int dailyCap, boolean publishWired, boolean enabled, ConnectKind connectKind,
                           OAuthEndpoints oauth, String source) {

    public PlatformSpec {
        aliases = List.copyOf(aliases);
    }

    /**
     * These rules as one server of a federated platform states them (a Mastodon instance's character limit and number
     * of attachments); null keeps the platform's own figure.
     */
    public PlatformSpec withServerLimits(Integer serverMaxCharacters, Integer serverMaxMediaItems) {
        MediaLimits m = media;
        MediaLimits serverMedia = serverMaxMediaItems == null ? m : new MediaLimits(serverMaxMediaItems, serverMaxMediaItems,
                m.maxVideos(), m.types(), m.maxImageBytes(), m.maxVideoBytes(), m.minVideoSeconds(), m.maxVideoSeconds(),
                m.aspectRatios(), m.videoAlone());
        return new PlatformSpec(name, displayName, aliases, serverMaxCharacters == null ? maxCharacters : serverMaxCharacters,
                maxTitleCharacters, serverMedia, supportsThreads, supportsCarousel, supportsHashtags, maxHashtags, dailyCap,
                publishWired, enabled, connectKind, oauth, source);
    }
}

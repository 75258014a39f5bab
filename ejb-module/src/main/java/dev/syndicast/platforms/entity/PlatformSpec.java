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
}

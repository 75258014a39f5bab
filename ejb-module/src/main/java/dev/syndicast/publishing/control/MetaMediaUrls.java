package dev.syndicast.publishing.control;

import dev.syndicast.media.boundary.PublicMediaUrls;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Media handed to Meta by URL (Threads, Instagram, Facebook photos): Meta fetches each item itself, so a library item
 * becomes a signed, expiring public URL of this installation and an outside URL is handed over as it is.
 */
final class MetaMediaUrls {

    /** How long the URLs stay valid: long enough for Meta's processing and the job's retries. */
    static final Duration TTL = Duration.ofHours(6);

    private MetaMediaUrls() {
    }

    static String url(PublicMediaUrls publicUrls, PublishMedia media) {
        if (media.opener() == null) {
            return media.reference();
        }
        return publicUrls.url(UUID.fromString(media.reference()), TTL)
                .orElseThrow(() -> new IllegalStateException("syndicast.public-url is not set"));
    }

    /** Why {@code platform} cannot fetch this medium, if it cannot: neither a library item nor a URL, or no public base. */
    static Optional<String> unreachable(String platform, String what, PublishMedia media, boolean publicUrls) {
        if (media.opener() == null && !(media.reference().startsWith("https://") || media.reference().startsWith("http://"))) {
            return Optional.of(platform + " fetches " + what + " by URL: media " + media.reference() + " is neither a library item nor a URL");
        }
        if (media.opener() != null && !publicUrls) {
            return Optional.of(platform + " fetches " + what + " by URL: set syndicast.public-url (the externally reachable base"
                    + " of this installation) so library " + what + " can be handed over");
        }
        return Optional.empty();
    }
}

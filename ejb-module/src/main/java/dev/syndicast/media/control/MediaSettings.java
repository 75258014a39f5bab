package dev.syndicast.media.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The media library's settings (docs/media.md lists them). Settings without a sensible default are
 * {@code Optional}: MicroProfile Config treats an empty default as "no value", so "unset" cannot be spelled
 * as {@code defaultValue = ""}.
 */
@ApplicationScoped
public class MediaSettings {

    @Inject
    @ConfigProperty(name = "syndicast.media.max-bytes", defaultValue = "536870912")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "syndicast.media.allowed-types",
            defaultValue = "image/jpeg,image/png,image/gif,image/webp,video/mp4,video/quicktime")
    String allowedTypes;

    @Inject
    @ConfigProperty(name = "syndicast.media.import.sync-max-bytes", defaultValue = "26214400")
    long syncMaxBytes;

    @Inject
    @ConfigProperty(name = "syndicast.media.fetch.connect-timeout", defaultValue = "PT10S")
    Duration connectTimeout;

    @Inject
    @ConfigProperty(name = "syndicast.media.fetch.read-timeout", defaultValue = "PT30S")
    Duration readTimeout;

    @Inject
    @ConfigProperty(name = "syndicast.media.fetch.max-duration", defaultValue = "PT30M")
    Duration maxDuration;

    @Inject
    @ConfigProperty(name = "syndicast.media.fetch.max-redirects", defaultValue = "5")
    int maxRedirects;

    @Inject
    @ConfigProperty(name = "syndicast.media.fetch.buffer-bytes", defaultValue = "262144")
    int fetchBufferBytes;

    @Inject
    @ConfigProperty(name = "syndicast.media.fetch.allowed-hosts")
    Optional<String> allowedHosts;

    @Inject
    @ConfigProperty(name = "syndicast.media.fetch.allowed-cidrs")
    Optional<String> allowedCidrs;

    @Inject
    @ConfigProperty(name = "syndicast.media.upload.signing-key")
    Optional<String> signingKey;

    /** Secret of public media URLs; without it one is generated once into the data directory. */
    @Inject
    @ConfigProperty(name = "syndicast.media.public-url-secret")
    Optional<String> publicUrlSecret;

    @Inject
    @ConfigProperty(name = "syndicast.media.upload.url-ttl", defaultValue = "PT15M")
    Duration uploadUrlTtl;

    @Inject
    @ConfigProperty(name = "syndicast.media.ffmpeg.path")
    Optional<String> ffmpegPath;

    @Inject
    @ConfigProperty(name = "syndicast.media.ffprobe.path")
    Optional<String> ffprobePath;

    @Inject
    @ConfigProperty(name = "syndicast.media.probe.timeout", defaultValue = "PT60S")
    Duration probeTimeout;

    public long maxBytes() { return maxBytes; }
    public long syncMaxBytes() { return syncMaxBytes; }
    public Duration connectTimeout() { return connectTimeout; }
    public Duration readTimeout() { return readTimeout; }
    public Duration maxDuration() { return maxDuration; }
    public int maxRedirects() { return maxRedirects; }
    public int fetchBufferBytes() { return fetchBufferBytes; }
    public Duration uploadUrlTtl() { return uploadUrlTtl; }
    public Optional<String> signingKey() { return signingKey.filter(k -> !k.isBlank()); }
    public Optional<String> publicUrlSecret() { return publicUrlSecret.filter(k -> !k.isBlank()); }
    public Optional<String> ffmpegPath() { return ffmpegPath.filter(p -> !p.isBlank()); }
    public Optional<String> ffprobePath() { return ffprobePath.filter(p -> !p.isBlank()); }
    public Duration probeTimeout() { return probeTimeout; }

    public Set<String> allowedTypes() {
        return Arrays.stream(allowedTypes.split(","))
                .map(t -> t.strip().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public List<String> allowedHosts() {
        return split(allowedHosts);
    }

    public List<String> allowedCidrs() {
        return split(allowedCidrs);
    }

    private static List<String> split(Optional<String> value) {
        return value.map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }
}

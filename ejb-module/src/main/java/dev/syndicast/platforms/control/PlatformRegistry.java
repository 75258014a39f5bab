package dev.syndicast.platforms.control;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.platforms.entity.MediaLimits;
import dev.syndicast.platforms.entity.OAuthEndpoints;
import dev.syndicast.platforms.entity.PlatformSpec;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The platforms this deployment knows, with its overrides applied. Any default can be replaced with
 * {@code syndicast.platforms.<platform>.<key>} (for example {@code syndicast.platforms.tiktok.daily-cap=4},
 * {@code syndicast.platforms.linkedin.oauth.token-url=https://...}, {@code syndicast.platforms.instagram.oauth.exchange-url});
 * the keys are listed in docs/configuration.md.
 * Names are case-insensitive and aliases resolve ({@code x} is {@code twitter}).
 */
@ApplicationScoped
public class PlatformRegistry {

    static final String PREFIX = "syndicast.platforms.";

    private Map<String, PlatformSpec> platforms;
    private final Map<String, String> aliases = new LinkedHashMap<>();

    @PostConstruct
    void load() {
        Config config = ConfigProvider.getConfig();
        load(key -> config.getOptionalValue(key, String.class));
    }

    /** Builds the registry from the defaults and an override lookup (the tests pass a map). */
    public static PlatformRegistry of(Function<String, Optional<String>> overrides) {
        PlatformRegistry registry = new PlatformRegistry();
        registry.load(overrides);
        return registry;
    }

    void load(Function<String, Optional<String>> overrides) {
        Map<String, PlatformSpec> resolved = new LinkedHashMap<>();
        PlatformDefaults.all().forEach((name, spec) -> resolved.put(name, override(spec, key -> overrides.apply(PREFIX + name + "." + key))));
        platforms = Map.copyOf(resolved);
        resolved.values().forEach(spec -> {
            aliases.put(spec.name(), spec.name());
            spec.aliases().forEach(alias -> aliases.put(alias, spec.name()));
        });
    }

    public Collection<PlatformSpec> all() {
        return PlatformDefaults.all().keySet().stream().map(platforms::get).toList();
    }

    /** @throws NotFoundException "Unknown platform: {name}" (the documented message) for names it does not know */
    public PlatformSpec get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("Unknown platform: " + name));
    }

    /**
     * The platform a request names, by any of its names ({@code x} is {@code twitter}).
     *
     * @throws InvalidInputException (400) "Invalid platform: {name} (use one of ...)" naming the platforms there are
     */
    public PlatformSpec named(String name) {
        return find(name).orElseThrow(() -> new InvalidInputException("Invalid platform: " + name
                + " (use one of " + String.join(", ", all().stream().map(PlatformSpec::name).toList()) + ")"));
    }

    public Optional<PlatformSpec> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(aliases.get(name.strip().toLowerCase(Locale.ROOT))).map(platforms::get);
    }

    private static PlatformSpec override(PlatformSpec d, Function<String, Optional<String>> value) {
        MediaLimits m = d.media();
        MediaLimits media = new MediaLimits(
                integer(value, "media.max-items", m.maxItems()), integer(value, "media.max-images", m.maxImages()),
                integer(value, "media.max-videos", m.maxVideos()), list(value, "media.types", m.types()),
                longValue(value, "media.max-image-bytes", m.maxImageBytes()), longValue(value, "media.max-video-bytes", m.maxVideoBytes()),
                integer(value, "media.min-video-seconds", m.minVideoSeconds()), integer(value, "media.max-video-seconds", m.maxVideoSeconds()),
                list(value, "media.aspect-ratios", m.aspectRatios()), bool(value, "media.video-alone", m.videoAlone()));
        OAuthEndpoints o = d.oauth();
        OAuthEndpoints oauth = o == null ? null : new OAuthEndpoints(
                value.apply("oauth.authorize-url").orElse(o.authorizeUrl()), value.apply("oauth.token-url").orElse(o.tokenUrl()),
                value.apply("oauth.accounts-url").orElse(o.accountsUrl()), list(value, "oauth.scopes", o.scopes()),
                o.scopeSeparator(), o.clientIdParameter(), o.basicClientAuth(), o.extraAuthorizeParameters(), o.accounts(),
                o.longLived() == null ? null : o.longLived().withUrls(value.apply("oauth.exchange-url").orElse(o.longLived().exchangeUrl()),
                        value.apply("oauth.refresh-url").orElse(o.longLived().refreshUrl())));
        return new PlatformSpec(d.name(), d.displayName(), d.aliases(),
                integer(value, "max-characters", d.maxCharacters()), integer(value, "max-title-characters", d.maxTitleCharacters()),
                media, bool(value, "supports-threads", d.supportsThreads()), bool(value, "supports-carousel", d.supportsCarousel()),
                bool(value, "supports-hashtags", d.supportsHashtags()), integer(value, "max-hashtags", d.maxHashtags()),
                integer(value, "daily-cap", d.dailyCap()), bool(value, "publish-wired", d.publishWired()),
                bool(value, "enabled", d.enabled()), d.connectKind(), oauth, d.source());
    }

    private static int integer(Function<String, Optional<String>> value, String key, int fallback) {
        return value.apply(key).map(v -> parse(key, v, Integer::parseInt)).orElse(fallback);
    }

    private static long longValue(Function<String, Optional<String>> value, String key, long fallback) {
        return value.apply(key).map(v -> parse(key, v, Long::parseLong)).orElse(fallback);
    }

    private static boolean bool(Function<String, Optional<String>> value, String key, boolean fallback) {
        return value.apply(key).map(v -> switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalStateException("Platform setting " + key + " must be true or false, not '" + v + "'");
        }).orElse(fallback);
    }

    private static List<String> list(Function<String, Optional<String>> value, String key, List<String> fallback) {
        return value.apply(key).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(fallback);
    }

    private static <T> T parse(String key, String raw, Function<String, T> parser) {
        try {
            T parsed = parser.apply(raw.strip());
            if (parsed instanceof Number n && n.longValue() < 0) {
                throw new NumberFormatException("negative");
            }
            return parsed;
        } catch (NumberFormatException e) {
            // A wrong deployment setting must stop the start, not surface later as a wrong limit.
            throw new IllegalStateException("Platform setting " + key + " must be a non-negative number, not '" + raw + "'", e);
        }
    }
}

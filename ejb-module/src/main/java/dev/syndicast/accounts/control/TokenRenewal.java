package dev.syndicast.accounts.control;

import dev.syndicast.platforms.entity.ConnectKind;
import dev.syndicast.platforms.entity.PlatformSpec;

import java.util.Collection;
import java.util.List;

/**
 * How an account's access token is renewed before it runs out, read from its platform's connection facts, so the
 * refresher has one place that says which platform renews how (and which accounts it must look at).
 */
public enum TokenRenewal {

    /** OAuth 2.0 {@code grant_type=refresh_token} with the account's refresh token (X, LinkedIn, YouTube, ...). */
    REFRESH_TOKEN,
    /**
     * Meta's long-lived token renewed with itself ({@code ig_refresh_token}, {@code th_refresh_token}): Instagram and
     * Threads keep no refresh token.
     */
    LONG_LIVED_TOKEN,
    /** An AT Protocol session renewed with its refresh JWT (Bluesky). */
    BLUESKY_SESSION,
    /** Nothing renews it: the token is kept until the platform refuses it (Facebook Page tokens, Dribbble, Mastodon). */
    NONE;

    public static TokenRenewal of(PlatformSpec platform, boolean hasRefreshToken) {
        if (platform.oauth() != null && platform.oauth().longLived() != null && platform.oauth().longLived().renewsItself()) {
            return LONG_LIVED_TOKEN;
        }
        if (!hasRefreshToken) {
            return NONE;
        }
        if (platform.connectKind() == ConnectKind.APP_PASSWORD) {
            return BLUESKY_SESSION;
        }
        return platform.oauth() != null ? REFRESH_TOKEN : NONE;
    }

    /** The platforms whose tokens renew themselves, whatever an account holds: the refresher looks at them by expiry alone. */
    public static List<String> selfRenewing(Collection<PlatformSpec> platforms) {
        return platforms.stream().filter(p -> of(p, false) == LONG_LIVED_TOKEN).map(PlatformSpec::name).toList();
    }
}

package dev.syndicast.platforms.entity;

/** How an account of a platform is connected. */
public enum ConnectKind {
    /** OAuth 2.0 authorization code with PKCE, started at {@code /connections/{platform}/start}. */
    OAUTH2,
    /** A handle and an app password, exchanged for a session (Bluesky, AT Protocol). */
    APP_PASSWORD,
    /** An access token issued by the user's own instance (Mastodon). */
    INSTANCE_TOKEN,
    /** An account of the local sandbox service, created directly (no remote authorization). */
    SANDBOX
}

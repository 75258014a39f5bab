package dev.syndicast.platforms.control;

import dev.syndicast.platforms.entity.ConnectKind;
import dev.syndicast.platforms.entity.MediaLimits;
import dev.syndicast.platforms.entity.OAuthEndpoints;
import dev.syndicast.platforms.entity.OAuthEndpoints.AccountMapping;
import dev.syndicast.platforms.entity.OAuthEndpoints.LongLivedTokens;
import dev.syndicast.platforms.entity.PlatformSpec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in platform table. Figures are the platforms' published API limits (the source of each is named in
 * {@link PlatformSpec#source()}); daily caps are a steady cadence well under each API's own ceiling (TikTok
 * 8/day, Instagram 5/day). A deployment overrides any of them with configuration (see
 * {@link PlatformRegistry}). {@code publish-wired} is on where a publishing connector exists (the sandbox, Bluesky,
 * Mastodon, X, LinkedIn, Threads, YouTube, TikTok, Instagram, Facebook, Pinterest, Reddit, Dribbble and Snapchat).
 */
final class PlatformDefaults {

    private static final long MB = 1024L * 1024L;
    private static final long GB = 1024L * MB;
    private static final List<String> IMAGES = List.of("image/jpeg", "image/png", "image/gif", "image/webp");
    private static final List<String> IMAGES_AND_MP4 = List.of("image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4");
    private static final List<String> VIDEO = List.of("video/mp4", "video/quicktime");

    private PlatformDefaults() {
    }

    static Map<String, PlatformSpec> all() {
        Map<String, PlatformSpec> platforms = new LinkedHashMap<>();
        for (PlatformSpec spec : List.of(tiktok(), youtube(), instagram(), facebook(), twitter(), linkedin(), threads(),
                bluesky(), mastodon(), pinterest(), reddit(), snapchat(), dribbble(), sandbox())) {
            platforms.put(spec.name(), spec);
        }
        return platforms;
    }

    private static OAuthEndpoints oauth(String authorize, String token, String accounts, List<String> scopes, String separator,
                                        String clientIdParameter, boolean basic, Map<String, String> extra, AccountMapping mapping) {
        return oauth(authorize, token, accounts, scopes, separator, clientIdParameter, basic, extra, mapping, null);
    }

    private static OAuthEndpoints oauth(String authorize, String token, String accounts, List<String> scopes, String separator,
                                        String clientIdParameter, boolean basic, Map<String, String> extra, AccountMapping mapping,
                                        LongLivedTokens longLived) {
        return new OAuthEndpoints(authorize, token, accounts, scopes, separator, clientIdParameter, basic, extra, mapping, longLived);
    }

    /** Long-lived tokens live 60 days by Meta's documentation (Instagram, Threads and Facebook user tokens alike). */
    private static final Duration META_LONG_LIVED = Duration.ofDays(60);

    private static PlatformSpec tiktok() {
        return new PlatformSpec("tiktok", "TikTok", List.of(), 2200, 0,
                new MediaLimits(35, 35, 1, List.of("video/mp4", "video/quicktime", "video/webm", "image/jpeg", "image/webp"),
                        20 * MB, 4 * GB, 3, 600, List.of("9:16", "1:1", "16:9"), true),
                false, true, true, 0, 8, true, true, ConnectKind.OAUTH2,
                oauth("https://www.tiktok.com/v2/auth/authorize/", "https://open.tiktokapis.com/v2/oauth/token/",
                        "https://open.tiktokapis.com/v2/user/info/?fields=open_id,display_name,username,avatar_url",
                        List.of("user.info.basic", "video.upload", "video.publish"), ",", "client_key", false, Map.of(),
                        new AccountMapping("/data/user", "/open_id", "/username", "/display_name", "/avatar_url", null)),
                "developers.tiktok.com/doc/content-posting-api-reference-direct-post (title 2200 UTF-16 units), -photo-post (up to"
                        + " 35 photos, title 90), content-posting-api-media-transfer-guide (video MP4/WebM/MOV, 3 s-10 min, 4 GB;"
                        + " photos JPEG/WebP, 20 MB)");
    }

    private static PlatformSpec youtube() {
        return new PlatformSpec("youtube", "YouTube", List.of(), 5000, 100,
                new MediaLimits(1, 0, 1, List.of("video/mp4", "video/quicktime", "video/webm"), 0, 256 * GB, 1, 43_200,
                        List.of("16:9", "9:16", "1:1", "4:3"), false),
                false, false, true, 15, 6, true, true, ConnectKind.OAUTH2,
                oauth("https://accounts.google.com/o/oauth2/v2/auth", "https://oauth2.googleapis.com/token",
                        "https://www.googleapis.com/youtube/v3/channels?part=snippet&mine=true",
                        List.of("https://www.googleapis.com/auth/youtube.upload", "https://www.googleapis.com/auth/youtube.readonly"),
                        " ", "client_id", false, Map.of("access_type", "offline", "prompt", "consent"),
                        new AccountMapping("/items", "/id", "/snippet/customUrl", "/snippet/title", "/snippet/thumbnails/default/url", null)),
                "developers.google.com/youtube/v3/docs/videos (title 100, description 5000 characters; 256 GB or 12 h; uploads cost 1600 of 10,000 daily quota units)");
    }

    private static PlatformSpec instagram() {
        return new PlatformSpec("instagram", "Instagram", List.of(), 2200, 0,
                new MediaLimits(10, 10, 10, List.of("image/jpeg", "video/mp4", "video/quicktime"), 8 * MB, 300 * MB, 3, 900,
                        List.of("4:5", "1:1", "1.91:1", "9:16"), false),
                false, true, true, 30, 5, true, true, ConnectKind.OAUTH2,
                oauth("https://www.instagram.com/oauth/authorize", "https://api.instagram.com/oauth/access_token",
                        "https://graph.instagram.com/me?fields=user_id,username,name,profile_picture_url",
                        List.of("instagram_business_basic", "instagram_business_content_publish"), ",", "client_id", false,
                        Map.of(), new AccountMapping("", "/user_id", "/username", "/name", "/profile_picture_url", null),
                        // developers.facebook.com/documentation/instagram-platform/reference/access_token and /refresh_access_token
                        new LongLivedTokens("https://graph.instagram.com/access_token", "ig_exchange_token", false, "access_token",
                                "https://graph.instagram.com/refresh_access_token", "ig_refresh_token", META_LONG_LIVED)),
                "developers.facebook.com/docs/instagram-platform/content-publishing (caption 2200, 30 hashtags; carousel 10; JPEG 8 MB; reels 3 s-15 min, 300 MB; 100 API posts per 24 h)");
    }

    private static PlatformSpec facebook() {
        return new PlatformSpec("facebook", "Facebook", List.of(), 63_206, 0,
                new MediaLimits(10, 10, 1, IMAGES_AND_MP4, 10 * MB, 10 * GB, 1, 14_400, List.of("16:9", "9:16", "1:1", "4:5"), true),
                false, true, true, 0, 10, true, true, ConnectKind.OAUTH2,
                oauth("https://www.facebook.com/v21.0/dialog/oauth", "https://graph.facebook.com/v21.0/oauth/access_token",
                        "https://graph.facebook.com/v21.0/me/accounts?fields=id,name,access_token,picture",
                        List.of("pages_show_list", "pages_manage_posts", "pages_read_engagement"), ",", "client_id", false,
                        Map.of(), new AccountMapping("/data", "/id", "/name", "/name", "/picture/data/url", "/access_token"),
                        // developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived: the same
                        // oauth/access_token endpoint with fb_exchange_token, before /me/accounts (docs/pages/access-tokens).
                        new LongLivedTokens(null, "fb_exchange_token", true, "fb_exchange_token", null, null, META_LONG_LIVED)),
                "developers.facebook.com/docs/pages-api/posts and /docs/video-api (63,206 characters; video 10 GB, 240 min)");
    }

    private static PlatformSpec twitter() {
        return new PlatformSpec("twitter", "X (Twitter)", List.of("x"), 280, 0,
                new MediaLimits(4, 4, 1, IMAGES_AND_MP4, 5 * MB, 512 * MB, 1, 140, List.of("16:9", "1:1", "9:16"), true),
                true, false, true, 0, 15, true, true, ConnectKind.OAUTH2,
                oauth("https://x.com/i/oauth2/authorize", "https://api.x.com/2/oauth2/token", "https://api.x.com/2/users/me",
                        List.of("tweet.read", "tweet.write", "users.read", "media.write", "offline.access"), " ", "client_id", true, Map.of(),
                        new AccountMapping("/data", "/id", "/username", "/name", "/profile_image_url", null)),
                "docs.x.com/x-api/posts/creation-of-a-post and media-best-practices (280 weighted characters; 4 images or 1 video; 512 MB, 140 s; free tier 17 posts per 24 h)");
    }

    private static PlatformSpec linkedin() {
        return new PlatformSpec("linkedin", "LinkedIn", List.of(), 3000, 0,
                new MediaLimits(20, 20, 1, IMAGES_AND_MP4, 36 * MB, 500 * MB, 3, 1800, List.of("16:9", "1:1", "4:5", "9:16"), true),
                false, true, true, 0, 5, true, true, ConnectKind.OAUTH2,
                oauth("https://www.linkedin.com/oauth/v2/authorization", "https://www.linkedin.com/oauth/v2/accessToken",
                        "https://api.linkedin.com/v2/userinfo", List.of("openid", "profile", "w_member_social"), " ", "client_id",
                        false, Map.of(), new AccountMapping("", "/sub", "/name", "/name", "/picture", null)),
                "learn.microsoft.com/linkedin/marketing/community-management/shares/posts-api (commentary 3000; multi-image 2-20; video 3 s-30 min, 500 MB)");
    }

    private static PlatformSpec threads() {
        return new PlatformSpec("threads", "Threads", List.of(), 500, 0,
                new MediaLimits(20, 20, 20, List.of("image/jpeg", "image/png", "video/mp4", "video/quicktime"), 8 * MB, GB, 0, 300,
                        List.of("9:16", "1:1", "4:5", "16:9"), false),
                true, true, true, 1, 10, true, true, ConnectKind.OAUTH2,
                oauth("https://threads.net/oauth/authorize", "https://graph.threads.net/oauth/access_token",
                        "https://graph.threads.net/v1.0/me?fields=id,username,name,threads_profile_picture_url",
                        List.of("threads_basic", "threads_content_publish"), ",", "client_id", false, Map.of(),
                        new AccountMapping("", "/id", "/username", "/name", "/threads_profile_picture_url", null),
                        // developers.facebook.com/docs/threads/get-started/long-lived-tokens
                        new LongLivedTokens("https://graph.threads.net/access_token", "th_exchange_token", false, "access_token",
                                "https://graph.threads.net/refresh_access_token", "th_refresh_token", META_LONG_LIVED)),
                "developers.facebook.com/docs/threads/posts (500 characters; carousel 2-20; video 5 min, 1 GB; 250 API posts per 24 h)");
    }

    /**
     * The sandbox platform (module {@code sandbox}): a local service that behaves like a remote publishing API, so
     * publishing can be tried and tested end to end. Its limits are generous on purpose; it is the one platform wired
     * for publishing until the real connectors come.
     */
    private static PlatformSpec sandbox() {
        return new PlatformSpec("sandbox", "Sandbox", List.of(), 5000, 200,
                new MediaLimits(10, 10, 1, IMAGES_AND_MP4, 0, 0, 0, 0, List.of(), false),
                true, true, true, 0, 0, true, true, ConnectKind.SANDBOX, null,
                "Syndicast's own sandbox service (sandbox module; docs/publishing.md)");
    }

    private static PlatformSpec bluesky() {
        return new PlatformSpec("bluesky", "Bluesky", List.of(), 300, 0,
                new MediaLimits(4, 4, 1, IMAGES_AND_MP4, 1_000_000, 100 * MB, 1, 180, List.of(), true),
                true, false, true, 0, 20, true, true, ConnectKind.APP_PASSWORD, null,
                "docs.bsky.app (post text 300 graphemes; 4 images of 1,000,000 bytes; video up to 3 min, 100 MB)");
    }

    private static PlatformSpec mastodon() {
        return new PlatformSpec("mastodon", "Mastodon", List.of(), 500, 0,
                new MediaLimits(4, 4, 1, List.of("image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4", "video/webm"),
                        16 * MB, 99 * MB, 0, 0, List.of(), false),
                true, false, true, 0, 20, true, true, ConnectKind.INSTANCE_TOKEN, null,
                "docs.joinmastodon.org/methods/statuses (500 characters and 4 attachments by default, instance-configurable; image 16 MB, video 99 MB)");
    }

    /**
     * developers.pinterest.com/docs/api/v5/pins-create: the text becomes the pin's description (at most 800 characters),
     * the post's title its title (100); a pin carries one image, one video (4 s to 15 min, up to 2 GB) or a carousel of
     * 2 to 5 images (media_source multiple_image_*).
     */
    private static PlatformSpec pinterest() {
        return new PlatformSpec("pinterest", "Pinterest", List.of(), 800, 100,
                new MediaLimits(5, 5, 1, List.of("image/jpeg", "image/png", "video/mp4", "video/quicktime"), 20 * MB, 2 * GB, 4, 900,
                        List.of("2:3", "1:1", "9:16"), true),
                false, true, true, 20, 10, true, true, ConnectKind.OAUTH2,
                oauth("https://www.pinterest.com/oauth/", "https://api.pinterest.com/v5/oauth/token",
                        "https://api.pinterest.com/v5/user_account", List.of("boards:read", "pins:read", "pins:write", "user_accounts:read"),
                        ",", "client_id", true, Map.of(),
                        new AccountMapping("", "/username", "/username", "/business_name", "/profile_image", null)),
                "developers.pinterest.com/docs/api/v5/pins-create (title 100, description 800; carousel 2-5; video 4 s-15 min, 2 GB)");
    }

    /**
     * www.reddit.com/dev/api#POST_api_submit: title up to 300 characters, a text post's body up to 40,000. Scopes
     * (www.reddit.com/api/v1/scopes): identity (the account and its name), submit, history (the account's own
     * submissions, read to find a post after an unknown outcome and after an image or video submit, which answers no
     * post).
     */
    private static PlatformSpec reddit() {
        return new PlatformSpec("reddit", "Reddit", List.of(), 40_000, 300,
                new MediaLimits(20, 20, 1, IMAGES_AND_MP4, 20 * MB, GB, 0, 900, List.of(), true),
                false, true, false, 0, 5, true, true, ConnectKind.OAUTH2,
                oauth("https://www.reddit.com/api/v1/authorize", "https://www.reddit.com/api/v1/access_token",
                        "https://oauth.reddit.com/api/v1/me", List.of("identity", "submit", "history"), " ", "client_id", true,
                        Map.of("duration", "permanent"), new AccountMapping("", "/id", "/name", "/name", "/icon_img", null)),
                "reddit.com/dev/api#POST_api_submit (title 300, self text 40,000 characters; galleries up to 20 images; video 1 GB, 15 min)");
    }

    /**
     * The Public Profile API (developers.snap.com/api/marketing-api/Public-Profile-API): Snap must allowlist the app
     * first (Get Started). The account is the token's own public profile ({@code GET /v1/public_profiles/my_profile},
     * the entity's fields as the Profiles page lists them); that call, the scope name and the media limits below are
     * ASSUMED (see docs/platforms/snapchat.md).
     */
    private static PlatformSpec snapchat() {
        return new PlatformSpec("snapchat", "Snapchat", List.of(), 160, 0,
                new MediaLimits(1, 1, 1, List.of("video/mp4", "video/quicktime", "image/jpeg", "image/png"), 5 * MB, GB, 5, 60,
                        List.of("9:16"), false),
                false, false, true, 0, 5, true, true, ConnectKind.OAUTH2,
                oauth("https://accounts.snapchat.com/login/oauth2/authorize", "https://accounts.snapchat.com/login/oauth2/access_token",
                        "https://businessapi.snapchat.com/v1/public_profiles/my_profile", List.of("snapchat-profile-api"), " ",
                        "client_id", false, Map.of(), new AccountMapping("/public_profile", "/id", "/snap_user_name", "/display_name",
                        "/logo_urls/original_logo_url", null)),
                "developers.snap.com/api/marketing-api/Public-Profile-API (one image or video per story, saved story or"
                        + " Spotlight; media AES-256-CBC encrypted, parts of 32 MB; Spotlight: vertical 9:16 video of 5-60 s,"
                        + " description 160 characters)");
    }

    /**
     * developer.dribbble.com/v2/shots/ "Create a shot": one GIF, JPG or PNG image, exactly 400x300 or 800x600 (checked
     * by the posts boundary from the media library's probe), at most eight megabytes; a title; at most 12 tags.
     */
    private static PlatformSpec dribbble() {
        return new PlatformSpec("dribbble", "Dribbble", List.of(), 5000, 100,
                new MediaLimits(1, 1, 0, List.of("image/gif", "image/jpeg", "image/png"), 8 * MB, 0, 0, 0, List.of("4:3"), false),
                false, false, true, 12, 5, true, true, ConnectKind.OAUTH2,
                oauth("https://dribbble.com/oauth/authorize", "https://dribbble.com/oauth/token", "https://api.dribbble.com/v2/user",
                        List.of("public", "upload"), " ", "client_id", false, Map.of(),
                        new AccountMapping("", "/id", "/login", "/name", "/avatar_url", null)),
                "developer.dribbble.com/v2/shots (one GIF, JPG or PNG image of exactly 400x300 or 800x600, 8 MB; title; 12 tags)");
    }
}

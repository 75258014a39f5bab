package dev.syndicast.platforms.control;

import dev.syndicast.platforms.entity.TargetOption;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.syndicast.platforms.entity.TargetOption.choice;
import static dev.syndicast.platforms.entity.TargetOption.flag;
import static dev.syndicast.platforms.entity.TargetOption.number;
import static dev.syndicast.platforms.entity.TargetOption.text;
import static dev.syndicast.platforms.entity.TargetOption.texts;

/**
 * The settings a post target may carry for its platform ({@code targets[].options}), each after the platform's own
 * API documentation, named in the comments. Anything else in a target's options is refused when the post is made.
 */
public final class TargetOptions {

    private static final Map<String, List<TargetOption>> OPTIONS = new LinkedHashMap<>();

    static {
        // developers.google.com/youtube/v3/docs/videos#resource (status.privacyStatus, snippet.categoryId, snippet.tags,
        // status.selfDeclaredMadeForKids) and videos/insert (notifySubscribers).
        OPTIONS.put("youtube", List.of(
                choice("privacy_status", List.of("public", "unlisted", "private"), "who can watch the video (default public)"),
                text("category_id", 4, "YouTube's video category id, e.g. \"22\" (People & Blogs, the default)"),
                texts("tags", 100, "the video's tags (YouTube allows 500 characters in all)"),
                flag("made_for_kids", "the channel's declaration that the video is made for children (default false)"),
                flag("notify_subscribers", "whether subscribers are told about the upload (default true)"),
                text("thumbnail_media_id", 64, "a library image uploaded as the custom thumbnail (thumbnails.set)")));
        // developers.tiktok.com/doc/content-posting-api-reference-direct-post (post_info) and -photo-post (post_info
        // auto_add_music, source_info photo_cover_index).
        OPTIONS.put("tiktok", List.of(
                choice("privacy_level", List.of("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"),
                        "who can see the post; must be one the creator's account offers (creator_info); default"
                                + " PUBLIC_TO_EVERYONE if offered, else the first offered"),
                flag("disable_comment", "turn comments off"),
                flag("disable_duet", "turn duets off (videos)"),
                flag("disable_stitch", "turn stitches off (videos)"),
                number("video_cover_timestamp_ms", 36_000_000, "the frame used as the cover, in milliseconds (videos)"),
                flag("brand_content_toggle", "paid partnership (branded content)"),
                flag("brand_organic_toggle", "promotes the creator's own business"),
                flag("is_aigc", "the content is AI-generated (videos)"),
                flag("auto_add_music", "add recommended music (photo posts)"),
                number("photo_cover_index", 34, "which photo is the cover, from 0 (photo posts; default 0)")));
        // developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media (share_to_feed,
        // thumb_offset, collaborators, location_id).
        OPTIONS.put("instagram", List.of(
                flag("share_to_feed", "a reel also appears in the feed (default true)"),
                number("thumb_offset", 900_000, "the reel frame used as the cover, in milliseconds"),
                texts("collaborators", 30, "up to 3 Instagram usernames invited as collaborators"),
                text("location_id", 64, "a Facebook Page id used as the location")));
        // developers.facebook.com/docs/graph-api/reference/page/feed#publish (link, published).
        OPTIONS.put("facebook", List.of(
                text("link", 2000, "a URL attached to a text post")));
        // developers.pinterest.com/docs/api/v5/pins-create (board_id, board_section_id, link, title, alt_text). board_id
        // is required: accounts keep no settings of their own, so there is no default board to fall back on.
        OPTIONS.put("pinterest", List.of(
                text("board_id", 64, "the board to pin to (its id, from GET /v5/boards)").needed(),
                text("board_section_id", 64, "a section of that board"),
                text("link", 2048, "where the pin leads"),
                text("alt_text", 500, "the pin's alt text (default: the media item's alt text)")));
        // www.reddit.com/dev/api#POST_api_submit (sr, flair_id, flair_text, nsfw, spoiler, url).
        OPTIONS.put("reddit", List.of(
                text("subreddit", 21, "the subreddit to submit to, without r/").needed(),
                text("flair_id", 64, "a link flair template id of that subreddit"),
                text("flair_text", 64, "the flair's text, where the template allows editing"),
                flag("nsfw", "mark the post NSFW"),
                flag("spoiler", "mark the post a spoiler"),
                text("url", 2000, "submit a link post to this URL instead of a text post")));
        // developers.snap.com/api/marketing-api/Public-Profile-API (stories, saved stories, spotlight).
        OPTIONS.put("snapchat", List.of(
                choice("post_type", List.of("story", "saved_story", "spotlight"), "where the snap goes (default story)"),
                text("locale", 5, "a Spotlight's locale, language_COUNTRY such as en_GB (default: the post's language with its"
                        + " region, else en_US)")));
        // developer.dribbble.com/v2/shots/#create-a-shot (low_profile, team_id).
        OPTIONS.put("dribbble", List.of(
                flag("low_profile", "publish without notifying followers"),
                text("team_id", 32, "post on behalf of a team the user belongs to")));
        // docs.joinmastodon.org/methods/statuses/#create (visibility, spoiler_text, sensitive).
        OPTIONS.put("mastodon", List.of(
                choice("visibility", List.of("public", "unlisted", "private", "direct"), "who sees the status (default public)"),
                text("spoiler_text", 500, "a content warning shown before the status"),
                flag("sensitive", "mark the media sensitive")));
        // docs.x.com/x-api/posts/creation-of-a-post (reply_settings).
        OPTIONS.put("twitter", List.of(
                choice("reply_settings", List.of("following", "mentionedUsers", "subscribers", "verified"),
                        "who can reply (default everyone)")));
        // learn.microsoft.com/linkedin/marketing/community-management/shares/posts-api (visibility).
        OPTIONS.put("linkedin", List.of(
                choice("visibility", List.of("PUBLIC", "CONNECTIONS"), "who sees the post (default PUBLIC)")));
        // developers.facebook.com/docs/threads/reference/publishing (reply_control).
        OPTIONS.put("threads", List.of(
                choice("reply_control", List.of("everyone", "accounts_you_follow", "mentioned_only"), "who can reply (default everyone)")));
    }

    private TargetOptions() {
    }

    /** The options a platform's targets may carry (none for platforms without settings of their own). */
    public static List<TargetOption> of(String platform) {
        return OPTIONS.getOrDefault(platform, List.of());
    }

    /** Every problem with a target's options, each as {@code name: what is wrong}; empty when they are good. */
    public static List<String> problems(String platform, JsonObject options) {
        List<TargetOption> known = of(platform);
        List<String> problems = new ArrayList<>();
        JsonObject given = options == null ? JsonValue.EMPTY_JSON_OBJECT : options;
        for (Map.Entry<String, JsonValue> entry : given.entrySet()) {
            Optional<TargetOption> option = known.stream().filter(o -> o.name().equals(entry.getKey())).findFirst();
            if (option.isEmpty()) {
                problems.add(entry.getKey() + ": not an option for " + platform + (known.isEmpty() ? " (it has none)"
                        : " (use " + String.join(", ", known.stream().map(TargetOption::name).toList()) + ")"));
            } else if (entry.getValue().getValueType() != JsonValue.ValueType.NULL) {
                option.get().problemWith(entry.getValue()).ifPresent(p -> problems.add(entry.getKey() + " " + p));
            }
        }
        for (TargetOption option : known) {
            if (option.required() && (!given.containsKey(option.name()) || given.isNull(option.name()))) {
                problems.add(option.name() + " is required for " + platform + " (" + option.meaning() + ")");
            }
        }
        return problems;
    }
}

package dev.syndicast.publishing.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the Facebook Graph API's answers mean for Page publishing. Errors are Graph API error bodies read by
 * {@link GraphAnswers}; the rest are the Pages API's and the Video API's own answers: a photo's {@code post_id}
 * (developers.facebook.com/docs/pages-api/posts), the Resumable Upload API's session id, {@code file_offset} and file
 * handle {@code h} (developers.facebook.com/docs/graph-api/guides/upload), and a video's processing {@code status}
 * (developers.facebook.com/docs/graph-api/reference/video, {@code video_status} ready, processing, error, ...).
 */
final class FacebookAnswers {

    static final GraphAnswers.Api API = new GraphAnswers.Api("Facebook", "pages_manage_posts on the Page");

    /** How far Facebook got with a published video. */
    enum VideoStatus { READY, PROCESSING, ERROR }

    private FacebookAnswers() {
    }

    static PublishOutcome classify(HttpResponse<String> response, Instant now, String what, boolean visible) {
        return GraphAnswers.classify(API, response, now, what, visible);
    }

    static PublishOutcome exception(String what, Throwable thrown, boolean visible) {
        return GraphAnswers.exception(API, what, thrown, visible);
    }

    /** The post a photo made ({@code post_id}), else the answer's {@code id}. */
    static Optional<String> postId(String body) {
        return GraphAnswers.field(body, "post_id").or(() -> GraphAnswers.id(body));
    }

    /** {@code GET /upload:{session}} and a broken transfer's answer: the offset Facebook has. */
    static OptionalLong fileOffset(String body) {
        return GraphAnswers.readObject(body).filter(o -> o.get("file_offset") != null)
                .map(o -> {
                    String raw = GraphAnswers.text(o, "file_offset");
                    return raw != null && raw.matches("\\d+") ? OptionalLong.of(Long.parseLong(raw)) : OptionalLong.empty();
                }).orElse(OptionalLong.empty());
    }

    /** The file handle of a complete upload ({@code {"h":"…"}}). */
    static Optional<String> handle(String body) {
        return GraphAnswers.field(body, "h");
    }

    /** {@code GET /{video-id}?fields=status}: {@code status.video_status}. */
    static VideoStatus videoStatus(String body) {
        String status = GraphAnswers.readObject(body).map(o -> o.get("status") instanceof JsonObject s ? s.getString("video_status", "") : "")
                .orElse("");
        return switch (status) {
            case "ready" -> VideoStatus.READY;
            case "error" -> VideoStatus.ERROR;
            default -> VideoStatus.PROCESSING;
        };
    }

    /** Why processing failed: the first error of {@code status.processing_phase.errors}, if Facebook gave one. */
    static String videoError(String body) {
        return GraphAnswers.readObject(body).map(o -> o.get("status") instanceof JsonObject s
                        && s.get("processing_phase") instanceof JsonObject p && p.get("errors") instanceof JsonArray errors
                        && !errors.isEmpty() && errors.get(0) instanceof JsonObject e ? e.getString("message", "error") : "error")
                .orElse("error");
    }

    /** Facebook's permalinks may be relative ({@code /page/videos/1/}). */
    static String absolute(String permalink) {
        if (permalink == null || permalink.isBlank()) {
            return null;
        }
        return permalink.startsWith("/") ? "https://www.facebook.com" + permalink : permalink;
    }

    /**
     * The newest item of a list answer ({@code /published_posts} by {@code message}, {@code /videos} by
     * {@code description}) with that text, created from {@code since} on when known (ISO times such as
     * {@code 2026-12-02T07:00:00+0000}).
     */
    static Optional<JsonObject> find(String body, String field, String text, Instant since) {
        String wanted = GraphAnswers.normalize(text);
        return GraphAnswers.readObject(body).flatMap(o -> o.get("data") instanceof JsonArray data ? Optional.of(data) : Optional.empty())
                .flatMap(data -> data.stream().filter(v -> v instanceof JsonObject).map(JsonValue::asJsonObject)
                        .filter(p -> GraphAnswers.normalize(p.getString(field, "")).equals(wanted))
                        .filter(p -> since == null || InstagramAnswers.timestamp(p, "created_time")
                                .map(t -> !t.isBefore(since.minusSeconds(60))).orElse(true))
                        .findFirst());
    }
}

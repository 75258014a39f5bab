package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Dribbble API v2's answers as publishing reads them (developer.dribbble.com/v2/ and /v2/shots/). */
class DribbbleAnswersTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void aValidationFailureIsARefusalThatKeepsDribbblesMessages() {
        String body = """
                {"message":"Validation failed.","errors":[{"attribute":"image","message":"must be exactly 400x300 or 800x600"},
                {"attribute":"title","message":"can't be blank"}]}""";
        assertThat(DribbbleAnswers.classify(422, body, Map.of(), NOW, "The shot upload"))
                .isEqualTo(new PublishOutcome.Permanent("Dribbble refused the shot upload: Validation failed. image must be"
                        + " exactly 400x300 or 800x600; title can't be blank"));
    }

    @Test
    void aRateLimitWaitsUntilTheResetWithoutAnAttempt() {
        var headers = Map.of("X-RateLimit-Limit", List.of("60"), "X-RateLimit-Remaining", List.of("0"),
                "X-RateLimit-Reset", List.of(String.valueOf(NOW.getEpochSecond() + 42)));
        assertThat(DribbbleAnswers.classify(429, "{\"message\":\"API rate limit exceeded\"}", headers, NOW, "The shot upload"))
                .isInstanceOfSatisfying(PublishOutcome.RateLimited.class, r -> {
                    assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(42));
                    assertThat(r.reason()).contains("API rate limit exceeded");
                });
        assertThat(DribbbleAnswers.rateLimitWait(Map.of(), NOW)).isEqualTo(Duration.ofSeconds(60));
        assertThat(DribbbleAnswers.rateLimitWait(Map.of("x-ratelimit-reset", List.of(String.valueOf(NOW.getEpochSecond() - 5))), NOW))
                .as("a reset in the past waits a second").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void a401IsARefusedTokenAndA5xxIsUnknownAndA403IsARefusal() {
        assertThat(DribbbleAnswers.classify(401, "{\"message\":\"Bad credentials\"}", Map.of(), NOW, "The call"))
                .isInstanceOfSatisfying(PublishOutcome.TokenRefused.class, t -> assertThat(t.reason()).contains("Bad credentials"));
        assertThat(DribbbleAnswers.classify(502, "", Map.of(), NOW, "The shot upload")).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(DribbbleAnswers.classify(408, "", Map.of(), NOW, "The shot upload")).isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(DribbbleAnswers.classify(403, "{\"message\":\"You must be a player\"}", Map.of(), NOW, "The shot upload"))
                .isEqualTo(new PublishOutcome.Permanent("Dribbble refused the shot upload: You must be a player"));
    }

    @Test
    void theShotIdIsTheLastSegmentOfTheLocation() {
        assertThat(DribbbleAnswers.shotIdOf("https://api.dribbble.com/v2/shots/471756")).contains("471756");
        assertThat(DribbbleAnswers.shotIdOf("/v2/shots/12")).contains("12");
        assertThat(DribbbleAnswers.shotIdOf("https://api.dribbble.com/v2/shots/")).isEmpty();
        assertThat(DribbbleAnswers.shotIdOf(null)).isEmpty();
    }

    @Test
    void theLookupFindsTheShotByTitlePublishedSinceTheAttempt() {
        String list = """
                [{"id":3,"title":"Sasquatch","published_at":"2026-03-01T11:59:30Z","html_url":"https://dribbble.com/shots/3-Sasquatch"},
                 {"id":2,"title":"Sasquatch","published_at":"2026-02-01T10:00:00Z","html_url":"https://dribbble.com/shots/2-Sasquatch"}]""";
        Instant since = NOW.minusSeconds(20);
        assertThat(DribbbleAnswers.lookup(200, list, "Sasquatch", since, since.plusSeconds(900), NOW))
                .isEqualTo(new CheckOutcome.Found("3", "https://dribbble.com/shots/3-Sasquatch"));
        String old = list.replace("2026-03-01T11:59:30Z", "2026-01-01T00:00:00Z");
        assertThat(DribbbleAnswers.lookup(200, old, "Sasquatch", since, since.plusSeconds(900), NOW))
                .as("an older shot of the same title is not this attempt's; not listed yet while Dribbble may still process")
                .isInstanceOf(CheckOutcome.CannotTell.class);
        assertThat(DribbbleAnswers.lookup(200, old, "Sasquatch", since, since.plusSeconds(10), NOW))
                .as("after the processing window an absent shot was not created").isInstanceOf(CheckOutcome.NotFound.class);
        assertThat(DribbbleAnswers.lookup(500, "", "Sasquatch", since, since, NOW)).isInstanceOf(CheckOutcome.CannotTell.class);
        assertThat(DribbbleAnswers.lookup(200, "{not json", "Sasquatch", since, since, NOW)).isInstanceOf(CheckOutcome.CannotTell.class);
    }

    @Test
    void titleDescriptionAndTagsComeFromThePost() {
        assertThat(DribbbleAnswers.title("Given", "First line\nMore")).isEqualTo("Given");
        assertThat(DribbbleAnswers.title(null, "  First line\nMore #ui")).isEqualTo("First line");
        assertThat(DribbbleAnswers.description(null, "First line\nMore #ui")).isEqualTo("More #ui");
        assertThat(DribbbleAnswers.description("Given", "First line\nMore")).isEqualTo("First line\nMore");
        assertThat(DribbbleAnswers.tags("Dark mode #ui #ux #ui &#38; a#b #dash-board")).containsExactly("ui", "ux", "dash-board");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            many.append(" #t").append(i);
        }
        assertThat(DribbbleAnswers.tags(many.toString())).hasSize(12).startsWith("t0").endsWith("t11");
        assertThat(DribbbleAnswers.messageOf("<html>Bad Gateway</html>")).isEqualTo("<html>Bad Gateway</html>");
        assertThat(DribbbleAnswers.shotOf("{\"id\":5,\"html_url\":\"https://dribbble.com/shots/5-x\"}"))
                .isEqualTo(Optional.of(new CheckOutcome.Found("5", "https://dribbble.com/shots/5-x")));
    }
}

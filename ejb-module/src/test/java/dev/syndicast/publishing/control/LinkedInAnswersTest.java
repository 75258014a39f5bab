package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LinkedInAnswersTest {

    private static final Instant NOW = Instant.parse("2026-12-02T22:00:00Z");

    @Test
    void aRefusalKeepsLinkedInsMessage() {
        PublishOutcome outcome = LinkedInAnswers.classify(422, "{\"status\":422,\"serviceErrorCode\":100,"
                + "\"message\":\"ERROR :: /commentary :: length exceeds 3000\"}", Optional.empty(), NOW, "The post call");
        assertThat(outcome).isEqualTo(new PublishOutcome.Permanent("LinkedIn refused the post call: ERROR :: /commentary :: length exceeds 3000"));
        assertThat(LinkedInAnswers.classify(403, "{\"message\":\"Not enough permissions to access: POST /posts\"}",
                Optional.empty(), NOW, "The post call")).isInstanceOf(PublishOutcome.Permanent.class)
                .asString().contains("Not enough permissions");
    }

    @Test
    void a401IsARefusedToken() {
        assertThat(LinkedInAnswers.classify(401, "{\"message\":\"Invalid access token\",\"serviceErrorCode\":65600}",
                Optional.empty(), NOW, "The post call")).isInstanceOf(PublishOutcome.TokenRefused.class)
                .asString().contains("Invalid access token");
    }

    @Test
    void a429WaitsForRetryAfterOrUntilTheDailyResetAtMidnightUtc() {
        assertThat(LinkedInAnswers.classify(429, "", Optional.of("120"), NOW, "The post call"))
                .isInstanceOf(PublishOutcome.RateLimited.class)
                .satisfies(o -> assertThat(((PublishOutcome.RateLimited) o).retryAfter()).isEqualTo(Duration.ofSeconds(120)));
        assertThat(LinkedInAnswers.classify(429, "{\"message\":\"Resource level throttle limit\"}", Optional.empty(), NOW, "The post call"))
                .satisfies(o -> assertThat(((PublishOutcome.RateLimited) o).retryAfter()).isEqualTo(Duration.ofHours(2)));
    }

    @Test
    void aServerErrorOnThePostIsUnknownButOnAnUploadStepAPlainRetry() {
        assertThat(LinkedInAnswers.classify(503, "", Optional.empty(), NOW, "The post call")).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(LinkedInAnswers.stepFailure(500, "", Optional.empty(), NOW, "The upload")).isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(LinkedInAnswers.classify(408, "", Optional.empty(), NOW, "The post call")).isInstanceOf(PublishOutcome.NotProcessed.class);
    }

    @Test
    void theBrokenConnectionAfterSendingIsUnknown() {
        assertThat(LinkedInAnswers.postException(new java.io.IOException("connection reset"))).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(LinkedInAnswers.postException(new java.net.ConnectException("refused"))).isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(LinkedInAnswers.postException(new java.net.http.HttpTimeoutException("slow"))).isInstanceOf(PublishOutcome.Unknown.class);
    }

    @Test
    void thePostIdComesFromTheRestliHeader() {
        assertThat(LinkedInAnswers.postId(Map.of("X-RestLi-Id", List.of("urn:li:share:7")))).contains("urn:li:share:7");
        assertThat(LinkedInAnswers.postId(Map.of())).isEmpty();
        assertThat(LinkedInAnswers.postUrl("urn:li:share:7")).isEqualTo("https://www.linkedin.com/feed/update/urn:li:share:7/");
    }

    @Test
    void theLookupFindsAPostByItsMediaOrItsCommentary() {
        String page = """
                {"elements":[
                  {"id":"urn:li:share:1","commentary":"other"},
                  {"id":"urn:li:share:2","commentary":"Hello \\\\(world\\\\)"},
                  {"id":"urn:li:share:3","commentary":"x","content":{"media":{"id":"urn:li:video:9"}}},
                  {"id":"urn:li:share:4","commentary":"x","content":{"multiImage":{"images":[{"id":"urn:li:image:a"},{"id":"urn:li:image:b"}]}}}
                ]}""";
        assertThat(LinkedInAnswers.lookup(200, page, LinkedInText.escape("Hello (world)"), List.of()))
                .isEqualTo(new CheckOutcome.Found("urn:li:share:2", LinkedInAnswers.postUrl("urn:li:share:2")));
        assertThat(LinkedInAnswers.lookup(200, page, "x", List.of("urn:li:video:9")))
                .isEqualTo(new CheckOutcome.Found("urn:li:share:3", LinkedInAnswers.postUrl("urn:li:share:3")));
        assertThat(LinkedInAnswers.lookup(200, page, "x", List.of("urn:li:image:b", "urn:li:image:a")))
                .isInstanceOf(CheckOutcome.Found.class);
        assertThat(LinkedInAnswers.lookup(200, "{\"elements\":[{\"id\":\"urn:li:share:5\",\"commentary\":\"Hello (world)\"}]}",
                LinkedInText.escape("Hello (world)"), List.of())).as("commentary handed back unescaped")
                .isEqualTo(new CheckOutcome.Found("urn:li:share:5", LinkedInAnswers.postUrl("urn:li:share:5")));
        assertThat(LinkedInAnswers.lookup(200, page, "missing", List.of())).isEqualTo(new CheckOutcome.NotFound());
        assertThat(LinkedInAnswers.lookup(200, page, "x", List.of("urn:li:image:z"))).isEqualTo(new CheckOutcome.NotFound());
        assertThat(LinkedInAnswers.lookup(500, "", "x", List.of())).isInstanceOf(CheckOutcome.CannotTell.class);
        assertThat(LinkedInAnswers.lookup(200, "not json", "x", List.of())).isInstanceOf(CheckOutcome.CannotTell.class);
    }

    @Test
    void theMessageOfAnErrorBody() {
        assertThat(LinkedInAnswers.messageOf("{\"message\":\"m\"}")).isEqualTo("m");
        assertThat(LinkedInAnswers.messageOf("plain  text")).isEqualTo("plain text");
        assertThat(LinkedInAnswers.messageOf(null)).isEmpty();
    }
}

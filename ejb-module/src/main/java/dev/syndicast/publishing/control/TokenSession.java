package dev.syndicast.publishing.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The calls of one publish step with the account's access token ({@code Authorization: Bearer <token>}), and the one
 * rule every connector with refreshable tokens keeps ({@link AccessToken}): an answer in which the platform refuses the
 * token (its {@link Refusal}: an HTTP 401, or the platform's own "expired" error) means the platform did not act on
 * the call, so the token is renewed once and the same call sent again; refused again, or the renewal refused, the step
 * ends with {@link PublishOutcome.TokenRefused} (a renewal that failed for now ends it as not processed).
 *
 * <p>Nothing else is repeated here. Whether any other failure may have reached the platform (outcome unknown: looked up
 * before anything is sent again) or provably did not (not processed: tried again blindly) is for the connector to say.
 * A call is given as a builder supplier so it can be built twice; a body publisher it carries must be able to send its
 * body again from the start (the JDK's and this package's publishers do).
 */
final class TokenSession {

    /** How a platform refuses a token: which answers say so, and what such an answer comes to (its classification). */
    record Refusal(Predicate<HttpAnswer> test, Function<HttpAnswer, PublishOutcome> outcome) {

        /** The usual case: an HTTP 401, classified by the platform's own rules. */
        static Refusal on401(Function<HttpAnswer, PublishOutcome> outcome) {
            return new Refusal(answer -> answer.status() == 401, outcome);
        }
    }

    private final HttpClient http;
    private final AccessToken token;
    private final Refusal refusal;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String scheme = "Bearer";

    TokenSession(HttpClient http, AccessToken token, Refusal refusal) {
        this.http = http;
        this.token = token;
        this.refusal = refusal;
    }

    /** A header every call of this session carries (set before the first call). */
    TokenSession header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The authorization scheme, where a platform documents another spelling than {@code Bearer}. */
    TokenSession scheme(String authorizationScheme) {
        this.scheme = authorizationScheme;
        return this;
    }

    /** The {@code Authorization} value to send now, for a call made outside {@link #send} (an asynchronous upload). */
    String authorization() {
        return scheme + " " + token.value();
    }

    /**
     * Sends the call; a refused token is renewed once and the call sent again.
     *
     * @return the platform's answer, whatever its status, unless it refused the token
     * @throws Stop with the outcome the step comes to when the token stays refused or cannot be renewed now
     */
    HttpAnswer send(Supplier<HttpRequest.Builder> call) throws IOException, InterruptedException, Stop {
        HttpAnswer answer = once(call);
        if (!refusal.test().test(answer)) {
            return answer;
        }
        PublishOutcome refused = refusal.outcome().apply(answer);
        if (!(refused instanceof PublishOutcome.TokenRefused tokenRefused)) {
            throw new Stop(refused);
        }
        Optional<PublishOutcome> stop = token.renewAfter(tokenRefused);
        if (stop.isPresent()) {
            throw new Stop(stop.get());
        }
        answer = once(call);
        if (answer.status() == 401 || refusal.test().test(answer)) {
            throw new Stop(refusal.outcome().apply(answer));
        }
        return answer;
    }

    /**
     * {@link #send}, for connectors whose steps treat an interrupt like a broken call: it surfaces as an
     * {@link IOException} (the thread's interrupt flag set again), which their rules read as "may have been sent".
     */
    HttpAnswer sendOrFail(Supplier<HttpRequest.Builder> call) throws IOException, Stop {
        try {
            return send(call);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private HttpAnswer once(Supplier<HttpRequest.Builder> call) throws IOException, InterruptedException {
        try {
            HttpRequest.Builder request = call.get();
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.header("Authorization", authorization()).build(),
                    HttpResponse.BodyHandlers.ofString());
            return HttpAnswer.of(response);
        } catch (UncheckedIOException e) {
            // a body publisher that could not read its file
            throw e.getCause();
        }
    }
}

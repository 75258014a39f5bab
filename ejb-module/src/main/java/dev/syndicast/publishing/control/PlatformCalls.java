package dev.syndicast.publishing.control;

import dev.syndicast.accounts.boundary.Accounts;
import dev.syndicast.accounts.boundary.TokenRefresher;
import dev.syndicast.core.control.PlatformHttp;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What every connector that speaks to a platform's HTTP API needs, in one place: the shared timeouts
 * ({@code syndicast.platforms.http.connect-timeout} and {@code .request-timeout}), the clock, the managed executor its
 * steps run on (never the worker's thread), its HTTP client ({@link PlatformHttp}: HTTP/2 over TLS, no redirects), and
 * the account's token for one publish step ({@link TokenSession}: renewed once when the platform refuses it).
 *
 * <p>Dependent: each connector gets its own instance and so its own client and kept-alive connections, as before.
 */
@Dependent
public class PlatformCalls {

    @Inject
    @ConfigProperty(name = "syndicast.platforms.http.connect-timeout", defaultValue = "PT5S")
    Duration connectTimeout;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.http.request-timeout", defaultValue = "PT20S")
    Duration requestTimeout;

    @Inject
    Clock clock;

    @Inject
    Accounts accounts;

    @Inject
    TokenRefresher refresher;

    @Resource
    ManagedExecutorService executor;

    private HttpClient http;

    @PostConstruct
    void init() {
        http = PlatformHttp.client(connectTimeout);
    }

    /** Outside a container (unit tests): steps run on the caller's thread. */
    static PlatformCalls of(Clock clock, Accounts accounts, TokenRefresher refresher, Duration connectTimeout,
                            Duration requestTimeout) {
        PlatformCalls calls = new PlatformCalls();
        calls.clock = clock;
        calls.accounts = accounts;
        calls.refresher = refresher;
        calls.connectTimeout = connectTimeout;
        calls.requestTimeout = requestTimeout;
        calls.init();
        return calls;
    }

    HttpClient http() {
        return http;
    }

    /** How long an ordinary API call may take ({@code syndicast.platforms.http.request-timeout}). */
    Duration requestTimeout() {
        return requestTimeout;
    }

    Clock clock() {
        return clock;
    }

    Instant now() {
        return clock.instant();
    }

    /** A step off the worker's thread, on the managed executor; it completes with what the step returns. */
    <T> CompletableFuture<T> async(Supplier<T> step) {
        Executor runOn = executor != null ? executor : Runnable::run;
        return CompletableFuture.supplyAsync(step, runOn);
    }

    /** A publish step that may end early: with the outcome a {@link Stop} carries, or as unknown when interrupted. */
    @FunctionalInterface
    interface Step {
        PublishOutcome take() throws Stop, InterruptedException;
    }

    /** {@link #async} for a {@link Step}: whatever way it ends, the future completes with an outcome. */
    CompletableFuture<PublishOutcome> publishing(Step step) {
        return async(() -> {
            try {
                return step.take();
            } catch (Stop stop) {
                return stop.outcome;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new PublishOutcome.Unknown("Interrupted while publishing");
            }
        });
    }

    /** The calls of one step with the request's account token and {@code Accept: application/json}. */
    TokenSession session(PublishRequest request, TokenSession.Refusal refusal) {
        return session(request.accountId(), request.accessToken(), refusal);
    }

    /**
     * The calls of one step with an account's token (renewed at most once, through the token refresher) and
     * {@code Accept: application/json}.
     */
    TokenSession session(UUID accountId, String accessToken, TokenSession.Refusal refusal) {
        return new TokenSession(http, new AccessToken(accountId, accessToken, refresher, accounts), refusal)
                .header("Accept", "application/json");
    }
}

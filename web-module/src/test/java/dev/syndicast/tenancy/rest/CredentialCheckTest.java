package dev.syndicast.tenancy.rest;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.tenancy.boundary.ApiKeys;
import dev.syndicast.tenancy.boundary.RateLimits;
import dev.syndicast.tenancy.boundary.Sessions;
import dev.syndicast.tenancy.control.Authentication;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.control.OrgHeader;
import dev.syndicast.tenancy.control.RateDecision;
import dev.syndicast.tenancy.control.RateTier;
import dev.syndicast.tenancy.entity.CredentialRequiredException;
import dev.syndicast.tenancy.entity.RateLimitedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static dev.syndicast.tenancy.rest.RouteRules.Auth.API_KEY;
import static dev.syndicast.tenancy.rest.RouteRules.Auth.SESSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialCheckTest {

    private static final String KEY = "syn_valid";
    private static final String SESSION_TOKEN = "syns_valid";
    private static final Caller CALLER = new Caller(UUID.randomUUID(), "k", UUID.randomUUID(), "acme", Set.of("*"));
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:10Z");

    private final CredentialCheck check = new CredentialCheck();
    private int invalidLimit = 2;
    private int invalidHits;
    private Optional<OrgHeader> orgSeen;

    @BeforeEach
    void wire() {
        check.apiKeys = new ApiKeys() {
            @Override
            public Authentication authenticate(String rawKey, Optional<OrgHeader> org) {
                orgSeen = org;
                if (org.isPresent() && org.get().slug() != null && org.get().slug().equals("elsewhere")) {
                    return Authentication.tenantForbidden();
                }
                return rawKey.equals(KEY) ? Authentication.ok(CALLER) : Authentication.invalid();
            }
        };
        check.sessions = new Sessions() {
            @Override
            public Authentication authenticate(String token, Optional<OrgHeader> org) {
                return token.equals(SESSION_TOKEN) ? Authentication.ok(CALLER) : Authentication.invalid();
            }
        };
        KeyGuessing guessing = new KeyGuessing();
        guessing.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        guessing.rateLimits = new RateLimits() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public RateDecision hit(String caller, RateTier tier) {
                assertThat(tier).isEqualTo(RateTier.INVALID_KEY);
                assertThat(caller).startsWith("address:");
                return RateDecision.of(++invalidHits, invalidLimit, Instant.parse("2030-01-01T00:00:00Z"), Duration.ofMinutes(1), NOW);
            }
        };
        check.keyGuessing = guessing;
    }

    private static CredentialCheck.Credentials request(String authorization, String apiKey, String org) {
        return new CredentialCheck.Credentials(authorization, apiKey, org, "127.0.0.9");
    }

    @Test
    void a_valid_key_from_either_header_authenticates_and_passes_the_tenant_header_on() {
        assertThat(check.authenticate(API_KEY, request("Bearer " + KEY, null, null)).caller()).isEqualTo(CALLER);
        assertThat(check.authenticate(API_KEY, request(null, " " + KEY + " ", "acme")).caller()).isEqualTo(CALLER);
        assertThat(orgSeen).contains(new OrgHeader(null, "acme"));
        assertThat(check.authenticate(API_KEY, request("Bearer  ", KEY, null)).caller()).as("a blank bearer falls back to x-api-key")
                .isEqualTo(CALLER);
        assertThat(check.authenticate(SESSION, request("bearer " + SESSION_TOKEN, null, null)).caller()).isEqualTo(CALLER);
    }

    @Test
    void a_missing_credential_is_401_saying_what_to_send() {
        assertThatThrownBy(() -> check.authenticate(API_KEY, request(null, " ", null)))
                .isInstanceOf(CredentialRequiredException.class)
                .hasMessage("Missing API key: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'");
        assertThatThrownBy(() -> check.authenticate(SESSION, request("", null, null)))
                .isInstanceOf(CredentialRequiredException.class)
                .hasMessageStartingWith("Missing session: log in with POST /api/external/v1/auth/login");
    }

    @Test
    void malformed_headers_are_400_the_tenant_header_first() {
        assertThatThrownBy(() -> check.authenticate(API_KEY, request("Basic abc", null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessage("Authorization header must be 'Bearer <key>'");
        assertThatThrownBy(() -> check.authenticate(API_KEY, request("Basic abc", null, "Not A Slug")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("X-Org-Id must be");
    }

    @Test
    void the_wrong_kind_of_credential_is_401() {
        assertThatThrownBy(() -> check.authenticate(SESSION, request("Bearer " + KEY, null, null)))
                .isInstanceOf(CredentialRequiredException.class)
                .hasMessage("This route needs a logged-in person's session token, not an API key");
        assertThatThrownBy(() -> check.authenticate(API_KEY, request("Bearer " + SESSION_TOKEN, null, null)))
                .isInstanceOf(CredentialRequiredException.class)
                .hasMessage("This route needs an API key; a session only manages keys and the password");
    }

    @Test
    void an_invalid_credential_is_401_and_counted_for_its_address() {
        assertThatThrownBy(() -> check.authenticate(API_KEY, request("Bearer syn_wrong", null, null)))
                .isInstanceOf(CredentialRequiredException.class).hasMessage("Invalid, revoked or expired API key");
        assertThatThrownBy(() -> check.authenticate(SESSION, request("Bearer syns_wrong", null, null)))
                .isInstanceOf(CredentialRequiredException.class).hasMessage("Invalid, expired or ended session");
        assertThat(invalidHits).isEqualTo(2);
    }

    @Test
    void over_the_invalid_credential_limit_the_address_gets_429_even_for_a_valid_key() {
        invalidLimit = 1;
        assertThatThrownBy(() -> check.authenticate(API_KEY, request("Bearer syn_wrong", null, null)))
                .isInstanceOf(CredentialRequiredException.class);
        assertThatThrownBy(() -> check.authenticate(API_KEY, request("Bearer syn_wrong", null, null)))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(50))
                .hasMessage("Too many invalid API keys or tokens from this address; retry after 50 s");
        assertThatThrownBy(() -> check.authenticate(API_KEY, request("Bearer " + KEY, null, null)))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(50));
        assertThat(check.authenticate(API_KEY, new CredentialCheck.Credentials("Bearer " + KEY, null, null, "127.0.0.8")).caller())
                .as("another address").isEqualTo(CALLER);
    }

    @Test
    void a_tenant_failure_is_left_to_the_access_check() {
        Authentication result = check.authenticate(API_KEY, request("Bearer " + KEY, null, "elsewhere"));
        assertThat(result.failure()).isEqualTo(Authentication.Failure.TENANT_FORBIDDEN);
        assertThat(invalidHits).isZero();
    }
}

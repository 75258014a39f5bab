package dev.syndicast.accounts.boundary;

import dev.syndicast.accounts.control.AccountStore;
import dev.syndicast.accounts.control.ClientCredentialsResolver;
import dev.syndicast.accounts.control.FederatedClients;
import dev.syndicast.accounts.control.OAuthClient;
import dev.syndicast.accounts.control.PlatformCallException;
import dev.syndicast.accounts.control.Pkce;
import dev.syndicast.accounts.control.RemoteAccount;
import dev.syndicast.accounts.control.TokenSet;
import dev.syndicast.accounts.control.TokenVault;
import dev.syndicast.accounts.entity.ConnectedAccount;
import dev.syndicast.accounts.entity.OAuthAttempt;
import dev.syndicast.accounts.entity.PendingSelection;
import dev.syndicast.accounts.entity.PlatformCredentials;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.platforms.control.PlatformRegistry;
import dev.syndicast.platforms.entity.ConnectKind;
import dev.syndicast.platforms.entity.PlatformSpec;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.StringReader;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Connecting accounts with OAuth 2.0 (authorization code + PKCE + state): start, callback, and the pending
 * multi-account selection with its confirmation. The state is single-use, stored hashed, and expires;
 * the PKCE verifier is encrypted. Platform calls run outside any database transaction. Where the platform's login
 * hands out a short-lived token (Instagram, Facebook, Threads), the callback exchanges it for the long-lived one
 * before it reads who connected, and keeps only that.
 */
@Stateless
public class Connections {

    private static final Logger LOG = Logger.getLogger(Connections.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    PlatformRegistry platforms;

    @Inject
    OAuthClient oauth;

    @Inject
    ClientCredentialsResolver credentials;

    @Inject
    AccountStore store;

    @Inject
    TokenVault vault;

    @Inject
    dev.syndicast.accounts.control.FederatedClients federated;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.bluesky.service-url", defaultValue = "https://bsky.social")
    String blueskyService;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "syndicast.accounts.oauth-state-ttl", defaultValue = "PT10M")
    Duration stateTtl;

    @Inject
    @ConfigProperty(name = "syndicast.accounts.pending-selection-ttl", defaultValue = "PT15M")
    Duration pendingTtl;

    public record Started(URI authorizationUrl, String state, Instant expiresAt, String redirectUri) {
    }

    public record Option(int index, String platformAccountId, String username, String displayName, String avatarUrl) {
    }

    /** The outcome of a callback: connected accounts, or a selection waiting for confirmation. */
    public record Outcome(String platform, List<ConnectedAccount> accounts, String pendingNonce, Instant pendingExpiresAt,
                          List<Option> options) {
    }

    public record Selection(int index, boolean isDefault) {
    }

    public Started start(UUID workspaceId, String startedBy, String platformName, String redirectUri) {
        PlatformSpec platform = oauthPlatform(platformName);
        OAuthClient.ClientCredentials client = credentials.resolve(workspaceId, platform.name());
        String state = Pkce.randomToken(32);
        String verifier = Pkce.newVerifier();
        String stateHash = Pkce.hash(state);
        Instant now = clock.instant();
        Instant expires = now.plus(stateTtl);
        em.persist(new OAuthAttempt(stateHash, workspaceId, platform.name(),
                vault.encrypt(verifier, OAuthAttempt.verifierContext(stateHash)), redirectUri, startedBy, now, expires));
        URI url = OAuthClient.authorizationUrl(platform.oauth(), client.clientId(), redirectUri, state, Pkce.challenge(verifier));
        LOG.info(() -> "event=oauth_started workspace=" + workspaceId + " platform=" + platform.name());
        return new Started(url, state, expires, redirectUri);
    }

    /**
     * The platform sent the user back. The state is spent first (in its own transaction), so a replayed or
     * concurrent callback fails even if the code exchange below fails.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Outcome callback(String platformName, String code, String state, String error, String errorDescription) {
        PlatformSpec platform = oauthPlatform(platformName);
        if (state == null || state.isBlank()) {
            throw new InvalidInputException("The callback has no state parameter");
        }
        OAuthAttempt attempt = self().consume(platform.name(), Pkce.hash(state));
        if (error != null) {
            throw new InvalidInputException("The platform refused the connection: " + error
                    + (errorDescription == null ? "" : " (" + errorDescription + ")"));
        }
        if (code == null || code.isBlank()) {
            throw new InvalidInputException("The callback has no code parameter");
        }
        OAuthClient.ClientCredentials client = credentials.resolve(attempt.getWorkspaceId(), platform.name());
        String verifier = vault.decrypt(attempt.getCodeVerifierCipher(), OAuthAttempt.verifierContext(attempt.getStateHash()));
        TokenSet fromCode = platformCall(() -> oauth.exchangeCode(platform.oauth(), client, code, attempt.getRedirectUri(), verifier));
        TokenSet tokens = longLived(platform, () -> oauth.keepable(platform.oauth(), client, fromCode));
        List<RemoteAccount> remote = platformCall(() -> oauth.accounts(platform.oauth(), tokens.accessToken()));
        if (remote.size() == 1) {
            ConnectedAccount account = store.connect(attempt.getWorkspaceId(), platform.name(), remote.get(0), tokens, attempt.getStartedBy());
            LOG.info(() -> "event=account_connected workspace=" + attempt.getWorkspaceId() + " platform=" + platform.name()
                    + " account=" + account.getId());
            return new Outcome(platform.name(), List.of(account), null, null, List.of());
        }
        if (remote.isEmpty()) {
            throw new InvalidInputException("The platform answered that this login can act for no account or page");
        }
        return self().keepPending(attempt, platform.name(), remote, tokens);
    }

    public OAuthAttempt consume(String platform, String stateHash) {
        OAuthAttempt attempt = em.find(OAuthAttempt.class, stateHash, LockModeType.PESSIMISTIC_WRITE);
        if (attempt == null) {
            throw new InvalidInputException("Unknown, used or expired OAuth state; start the connection again");
        }
        attempt.consume(platform, clock.instant());
        return attempt;
    }

    public Outcome keepPending(OAuthAttempt attempt, String platform, List<RemoteAccount> remote, TokenSet tokens) {
        String nonce = Pkce.randomToken(24);
        JsonArrayBuilder options = Json.createArrayBuilder();
        JsonArrayBuilder secrets = Json.createArrayBuilder();
        List<Option> views = new ArrayList<>();
        for (int i = 0; i < remote.size(); i++) {
            RemoteAccount r = remote.get(i);
            options.add(Json.createObjectBuilder()
                    .add("platform_account_id", r.platformAccountId())
                    .add("username", nullToEmpty(r.username()))
                    .add("display_name", nullToEmpty(r.displayName()))
                    .add("avatar_url", nullToEmpty(r.avatarUrl())));
            secrets.add(nullToEmpty(r.accessToken()));
            views.add(new Option(i, r.platformAccountId(), r.username(), r.displayName(), r.avatarUrl()));
        }
        JsonObject bundle = Json.createObjectBuilder()
                .add("access_token", tokens.accessToken())
                .add("refresh_token", nullToEmpty(tokens.refreshToken()))
                .add("expires_at", tokens.expiresAt() == null ? "" : tokens.expiresAt().toString())
                .add("scope", nullToEmpty(tokens.scope()))
                .add("account_tokens", secrets)
                .build();
        Instant now = clock.instant();
        Instant expires = now.plus(pendingTtl);
        em.persist(new PendingSelection(nonce, attempt.getWorkspaceId(), platform, options.build().toString(),
                vault.encrypt(bundle.toString(), PendingSelection.tokensContext(nonce)), attempt.getStartedBy(), now, expires));
        LOG.info(() -> "event=oauth_pending workspace=" + attempt.getWorkspaceId() + " platform=" + platform + " options=" + views.size());
        return new Outcome(platform, List.of(), nonce, expires, views);
    }

    public Outcome pending(UUID workspaceId, String nonce) {
        PendingSelection pending = findPending(workspaceId, nonce);
        return new Outcome(pending.getPlatform(), List.of(), pending.getNonce(), pending.getExpiresAt(), options(pending));
    }

    /** {@code POST /accounts/confirm}: connects the chosen options and deletes the pending selection. */
    public List<ConnectedAccount> confirm(UUID workspaceId, String nonce, List<Selection> selections) {
        if (selections == null || selections.isEmpty()) {
            throw new InvalidInputException("selections must name at least one option by index");
        }
        if (selections.stream().filter(Selection::isDefault).count() > 1) {
            throw new InvalidInputException("Only one selected account can be default for a platform");
        }
        PendingSelection pending = em.find(PendingSelection.class, nonce == null ? "" : nonce, LockModeType.PESSIMISTIC_WRITE);
        if (pending == null) {
            throw new NotFoundException("Unknown or expired pending selection");
        }
        pending.requireUsableBy(workspaceId, clock.instant());
        List<Option> options = options(pending);
        JsonObject bundle = Json.createReader(new StringReader(
                vault.decrypt(pending.getTokens(), PendingSelection.tokensContext(nonce)))).readObject();
        JsonArray accountTokens = bundle.getJsonArray("account_tokens");
        String expires = bundle.getString("expires_at");
        TokenSet tokens = new TokenSet(bundle.getString("access_token"), emptyToNull(bundle.getString("refresh_token")),
                expires.isEmpty() ? null : Instant.parse(expires), emptyToNull(bundle.getString("scope")));
        Set<Integer> seen = new HashSet<>();
        List<ConnectedAccount> connected = new ArrayList<>();
        for (Selection selection : selections) {
            if (selection.index() < 0 || selection.index() >= options.size() || !seen.add(selection.index())) {
                throw new InvalidInputException("selections[].index must point into options[] once: " + selection.index());
            }
            Option o = options.get(selection.index());
            RemoteAccount remote = new RemoteAccount(o.platformAccountId(), o.username(), o.displayName(), o.avatarUrl(),
                    emptyToNull(accountTokens.getString(selection.index())));
            ConnectedAccount account = store.connect(workspaceId, pending.getPlatform(), remote, tokens, pending.getStartedBy());
            if (selection.isDefault()) {
                store.makeDefault(workspaceId, account.getId());
            }
            connected.add(account);
        }
        em.remove(pending);
        return connected;
    }

    /**
     * {@code POST /connections/{platform}} for the platforms without OAuth: a Bluesky handle and app
     * password (exchanged for a session; the app password itself is not kept), or a Mastodon instance and
     * access token (verified against the instance). The credential is checked before anything is stored.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ConnectedAccount connectManually(UUID workspaceId, String startedBy, String platformName, ManualCredentials credentials) {
        PlatformSpec platform = platforms.get(platformName);
        if (!platform.enabled()) {
            throw new InvalidInputException(platform.displayName() + " is disabled on this deployment");
        }
        FederatedClients.Login login;
        String serverUrl;
        switch (platform.connectKind()) {
            case APP_PASSWORD -> {
                String identifier = required(credentials.identifier(), "handle (or identifier)");
                String password = required(credentials.appPassword(), "app_password");
                serverUrl = blank(credentials.serviceUrl()) ? blueskyService : credentials.serviceUrl().strip();
                login = credentialCall(platform, () -> federated.blueskyLogin(serverUrl, identifier, password));
            }
            case INSTANCE_TOKEN -> {
                serverUrl = required(credentials.instanceUrl(), "instance_url");
                String token = required(credentials.accessToken(), "access_token");
                login = credentialCall(platform, () -> federated.mastodonVerify(serverUrl, token));
            }
            default -> throw new InvalidInputException(platform.displayName()
                    + " connects with OAuth: GET /api/external/v1/connections/" + platform.name() + "/start");
        }
        ConnectedAccount account = store.connect(workspaceId, platform.name(), login.account(), login.tokens(), startedBy);
        store.federatedAt(account.getId(), serverUrl);
        if (login.limits() != null) {
            store.instanceLimits(account.getId(), login.limits());
        }
        LOG.info(() -> "event=account_connected workspace=" + workspaceId + " platform=" + platform.name() + " account=" + account.getId());
        return store.find(workspaceId, account.getId());
    }

    /** The platform-oauth settings: a workspace's own client id and secret for a platform. */
    public void saveClient(UUID workspaceId, String platformName, String clientId, String clientSecret) {
        PlatformSpec platform = oauthPlatform(platformName);
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw new InvalidInputException("client_id and client_secret are required");
        }
        String cipher = vault.encrypt(clientSecret, PlatformCredentials.secretContext(workspaceId, platform.name()));
        PlatformCredentials existing = em.find(PlatformCredentials.class, new PlatformCredentials.Key(workspaceId, platform.name()));
        if (existing == null) {
            em.persist(new PlatformCredentials(workspaceId, platform.name(), clientId.strip(), cipher, clock.instant()));
        } else {
            existing.replace(clientId.strip(), cipher, clock.instant());
        }
    }

    /** @return the client id, never the secret; empty when the workspace has none of its own */
    public java.util.Optional<String> clientId(UUID workspaceId, String platformName) {
        PlatformSpec platform = oauthPlatform(platformName);
        return java.util.Optional.ofNullable(em.find(PlatformCredentials.class, new PlatformCredentials.Key(workspaceId, platform.name())))
                .map(PlatformCredentials::getClientId);
    }

    public void removeClient(UUID workspaceId, String platformName) {
        PlatformSpec platform = oauthPlatform(platformName);
        PlatformCredentials existing = em.find(PlatformCredentials.class, new PlatformCredentials.Key(workspaceId, platform.name()));
        if (existing == null) {
            throw new NotFoundException("No OAuth client of this workspace for " + platform.name());
        }
        em.remove(existing);
    }

    private PendingSelection findPending(UUID workspaceId, String nonce) {
        PendingSelection pending = em.find(PendingSelection.class, nonce == null ? "" : nonce);
        if (pending == null) {
            throw new NotFoundException("Unknown or expired pending selection");
        }
        pending.requireUsableBy(workspaceId, clock.instant());
        return pending;
    }

    private static List<Option> options(PendingSelection pending) {
        JsonArray array = Json.createReader(new StringReader(pending.getOptions())).readArray();
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonObject o = array.getJsonObject(i);
            options.add(new Option(i, o.getString("platform_account_id"), emptyToNull(o.getString("username")),
                    emptyToNull(o.getString("display_name")), emptyToNull(o.getString("avatar_url"))));
        }
        return options;
    }

    private PlatformSpec oauthPlatform(String name) {
        PlatformSpec platform = platforms.get(name);
        if (platform.connectKind() != ConnectKind.OAUTH2 || platform.oauth() == null) {
            throw new InvalidInputException(platform.displayName() + " does not connect with OAuth; use POST /api/external/v1/connections/"
                    + platform.name() + " with its credentials");
        }
        if (!platform.enabled()) {
            throw new InvalidInputException(platform.displayName() + " is disabled on this deployment");
        }
        return platform;
    }

    /** A platform failure during a connect is reported to the person connecting, as a bad gateway, not a 500. */
    private static <T> T platformCall(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (PlatformCallException e) {
            throw new dev.syndicast.core.entity.UpstreamException(e.getMessage());
        }
    }

    /**
     * Meta's short-lived token exchanged for the long-lived one before anything else is asked (Facebook's Pages are
     * read with it, so their tokens do not expire). A failed exchange connects nothing: the short-lived token is never
     * kept as if it were long-lived, and the person is told to connect again (the state is spent).
     */
    private static TokenSet longLived(PlatformSpec platform, java.util.function.Supplier<TokenSet> exchange) {
        try {
            return exchange.get();
        } catch (PlatformCallException e) {
            throw new dev.syndicast.core.entity.UpstreamException(platform.displayName() + " did not exchange the login's short-lived token"
                    + " for a long-lived one, so no account was connected; start the connection again. " + e.getMessage());
        }
    }

    /** What a manual connection sends: Bluesky uses identifier, app password and an optional service URL; Mastodon the rest. */
    public record ManualCredentials(String identifier, String appPassword, String serviceUrl, String instanceUrl, String accessToken) {
        @Override
        public String toString() {
            return "ManualCredentials[" + identifier + ", " + serviceUrl + instanceUrl + "]";
        }
    }

    private static String required(String value, String name) {
        if (blank(value)) {
            throw new InvalidInputException(name + " is required");
        }
        return value.strip();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** A credential the platform refuses is the caller's mistake (400); an unreachable platform is a 502. */
    private static <T> T credentialCall(PlatformSpec platform, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (PlatformCallException e) {
            if (e.isPermanent()) {
                throw new InvalidInputException(platform.displayName() + " refused the credentials: " + e.getMessage());
            }
            throw new dev.syndicast.core.entity.UpstreamException(e.getMessage());
        }
    }

    private Connections self() {
        return context.getBusinessObject(Connections.class);
    }

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

package dev.syndicast.accounts;

import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.PlatformStub;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connecting accounts end to end over HTTP, against {@link PlatformStub} as the platforms' authorization servers:
 * start, the person authorizing at the platform, the callback, the stored account with encrypted tokens, the
 * multi-page selection and its confirmation, expiry, refresh and a refresh the platform refuses; Meta's short-lived
 * logins exchanged for long-lived tokens (Instagram's renewed days ahead, Facebook's Page tokens without expiry), and a
 * failed exchange that connects nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConnectAccountsIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.withTestSupport();
    }

    @ArquillianResource
    URL base;

    private final PlatformStub stub = PlatformStub.instance();

    @AfterEach
    void resetClock() {
        Api.at(base).anonymous().post("/test-support/clock?reset=true", "");
        stub.resetMetaTokens();
    }

    // ---- Meta's short-lived logins ------------------------------------------------------------------------------------

    @Test
    void anInstagramLoginKeepsOnlyTheLongLivedTokenItIsExchangedForWithItsSixtyDays() throws SQLException {
        Api api = TenantFixture.create(Api.at(base), "ig-connect").withNewKey("ig", List.of("*"));
        List<String> before = stub.issuedTokens();

        String id = connectedAccount(api, "instagram");

        List<String> issued = newTokens(before);
        String shortLived = issued.stream().filter(t -> t.startsWith("sl-instagram-")).findFirst().orElseThrow();
        String longLived = issued.stream().filter(t -> t.startsWith("ll-instagram-")).findFirst().orElseThrow();
        assertThat(stub.grantTypes()).contains("instagram:authorization_code", "instagram:ig_exchange_token");
        try (Connection db = database(); ResultSet row = db.createStatement().executeQuery(
                "select access_token, refresh_token, token_expires_at from connected_accounts where id = '" + id + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString("access_token")).startsWith("v1:").doesNotContain(shortLived, longLived);
            assertThat(row.getString("refresh_token")).as("Instagram has no refresh token").isNull();
            assertThat(row.getTimestamp("token_expires_at").toInstant())
                    .isBetween(Instant.now().plus(Duration.ofDays(59)), Instant.now().plus(Duration.ofDays(61)));
        }
    }

    @Test
    void aFailedExchangeAtConnectConnectsNothingAndTellsThePersonToStartAgain() {
        Api api = TenantFixture.create(Api.at(base), "ig-failed").withNewKey("ig", List.of("*"));

        stub.failTokenCalls("instagram", 1);
        Api.Reply outage = callback(api, "instagram");
        assertThat(outage.status()).as(outage.toString()).isEqualTo(502);
        assertThat(outage.json().getString("detail")).contains("Instagram did not exchange the login's short-lived token for a long-lived one",
                "no account was connected", "start the connection again");

        stub.shortLivedLife(Duration.ZERO);
        Api.Reply expired = callback(api, "instagram");
        assertThat(expired.status()).as(expired.toString()).isEqualTo(502);
        assertThat(expired.json().getString("detail")).contains("did not exchange", "190/463", "Session has expired");

        assertThat(api.get("/api/external/v1/accounts?platform=instagram").json().getJsonObject("meta").getInt("total"))
                .as("no short-lived token was kept as if it were long-lived").isZero();
    }

    @Test
    void facebookPagesAreReadWithTheLongLivedUserTokenSoTheirTokensDoNotExpire() throws SQLException {
        Api api = TenantFixture.create(Api.at(base), "fb-pages").withNewKey("fb", List.of("*"));
        api.put("/api/external/v1/settings/platform-oauth/facebook",
                "{\"client_id\":\"" + PlatformStub.FACEBOOK_CLIENT + "\",\"client_secret\":\"" + PlatformStub.FACEBOOK_SECRET + "\"}");
        List<String> before = stub.issuedTokens();

        JsonObject pending = followAuthorization(api, URI.create(api.get("/api/external/v1/connections/facebook/start").json()
                .getString("authorization_url"))).json();
        Api.Reply confirmed = api.post("/api/external/v1/accounts/confirm",
                "{\"nonce\":\"" + pending.getString("nonce") + "\",\"selections\":[{\"index\":0}]}");
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(201);
        String id = confirmed.json().getJsonArray("account_ids").getString(0);

        assertThat(stub.grantTypes()).contains("facebook:fb_exchange_token");
        List<String> pageTokens = newTokens(before).stream().filter(t -> t.startsWith("page-token-")).toList();
        assertThat(pageTokens).isNotEmpty().allSatisfy(t -> assertThat(stub.metaToken(t)).get()
                .extracting(PlatformStub.MetaToken::expiresAt).as("read with the long-lived user token").isNull());
        stub.advanceClock(Duration.ofDays(61));
        assertThat(pageTokens).as("past the short-lived and the long-lived user token's life")
                .allSatisfy(t -> assertThat(stub.accepts("facebook", t)).isTrue());
        try (Connection db = database(); ResultSet row = db.createStatement().executeQuery(
                "select refresh_token, token_expires_at from connected_accounts where id = '" + id + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString("refresh_token")).isNull();
            assertThat(row.getTimestamp("token_expires_at")).as("a Page token has no expiry").isNull();
        }
    }

    @Test
    void instagramTokensAreRenewedDaysAheadAnOutageWaitsAndARefusedRenewalExpiresTheAccount() throws SQLException {
        TenantFixture tenant = TenantFixture.create(Api.at(base), "ig-renew");
        Api api = tenant.withNewKey("ig", List.of("*"));
        Api operator = Api.at(base);
        List<String> before = stub.issuedTokens();
        String id = connectedAccount(api, "instagram");
        String longLived = newTokens(before).stream().filter(t -> t.startsWith("ll-instagram-")).findFirst().orElseThrow();
        String stored = storedAccessToken(id);

        // 54 days on, a week before the 60 run out (syndicast.accounts.long-lived-refresh-ahead, P7D), on both sides.
        operator.anonymous().post("/test-support/clock?advance=P54D", "");
        stub.advanceClock(Duration.ofDays(54));

        stub.failTokenCalls("instagram", 1_000);
        Await.untilAsserted(() -> {
            operator.post("/api/system/token-refresh", "");
            assertThat(stub.presentedForRefresh()).contains(longLived);
        });
        assertThat(api.get("/api/external/v1/accounts/" + id).json().getString("status")).as("an outage is not a refusal").isEqualTo("active");
        assertThat(storedAccessToken(id)).isEqualTo(stored);

        stub.failTokenCalls("instagram", 0);
        Await.untilAsserted(() -> {
            operator.post("/api/system/token-refresh", "");
            assertThat(storedAccessToken(id)).isNotEqualTo(stored);
        });
        assertThat(stub.grantTypes()).contains("instagram:ig_refresh_token");
        assertThat(api.get("/api/external/v1/accounts/" + id).json().getString("status")).isEqualTo("active");
        try (Connection db = database(); ResultSet row = db.createStatement().executeQuery(
                "select token_expires_at from connected_accounts where id = '" + id + "'")) {
            row.next();
            assertThat(row.getTimestamp(1).toInstant()).as("60 days from the renewal")
                    .isAfter(Instant.now().plus(Duration.ofDays(54 + 59)));
        }

        stub.revokeAll("instagram");
        operator.anonymous().post("/test-support/clock?advance=P54D", "");
        stub.advanceClock(Duration.ofDays(54));
        Await.untilAsserted(() -> {
            operator.post("/api/system/token-refresh", "");
            assertThat(api.get("/api/external/v1/accounts/" + id).json().getString("status")).isEqualTo("token_expired");
        });
        assertThat(api.get("/api/external/v1/notifications?unread=true").json().getJsonArray("data").stream().map(JsonObject.class::cast)
                .filter(n -> n.getString("kind").equals("token_expired") && n.getString("subject_id").equals(id))).hasSize(1);
    }

    private Api.Reply callback(Api api, String platform) {
        URI authorize = URI.create(api.get("/api/external/v1/connections/" + platform + "/start").json().getString("authorization_url"));
        return followAuthorization(api, authorize);
    }

    private String connectedAccount(Api api, String platform) {
        Api.Reply callback = callback(api, platform);
        assertThat(callback.status()).as(callback.toString()).isEqualTo(200);
        return callback.json().getJsonArray("accounts").getJsonObject(0).getString("id");
    }

    private List<String> newTokens(List<String> before) {
        List<String> issued = new ArrayList<>(stub.issuedTokens());
        issued.removeAll(before);
        return issued;
    }

    @Test
    void oauthRoundTripStoresTheAccountWithEncryptedTokensOnly() throws SQLException {
        Api api = Api.at(base);
        JsonObject started = api.get("/api/external/v1/connections/linkedin/start").json();
        URI authorize = URI.create(started.getString("authorization_url"));
        Map<String, String> query = PlatformStub.query(authorize);
        assertThat(query).containsEntry("client_id", PlatformStub.LINKEDIN_CLIENT)
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("state", started.getString("state"))
                .containsKey("code_challenge");
        assertThat(query.get("redirect_uri")).endsWith("/api/external/v1/connections/linkedin/callback");

        Api.Reply callback = followAuthorization(api, authorize);
        assertThat(callback.status()).as(callback.toString()).isEqualTo(200);
        JsonObject outcome = callback.json();
        assertThat(outcome.getString("status")).isEqualTo("connected");
        JsonObject account = outcome.getJsonArray("accounts").getJsonObject(0);
        assertThat(account.getString("platform")).isEqualTo("linkedin");
        assertThat(account.getString("platform_account_id")).isEqualTo("li-4711");
        assertThat(account.getString("username")).isEqualTo("Ada Lovelace");
        assertThat(account.getString("status")).isEqualTo("active");
        assertThat(account.getBoolean("is_default")).isTrue();

        String id = account.getString("id");
        Api.Reply read = api.get("/api/external/v1/accounts/" + id);
        assertThat(read.status()).isEqualTo(200);
        for (String token : stub.issuedTokens()) {
            assertThat(read.body()).doesNotContain(token);
            assertThat(callback.body()).doesNotContain(token);
        }
        assertThat(read.json().keySet()).doesNotContain("access_token", "refresh_token");

        try (Connection db = database(); ResultSet row = db.createStatement().executeQuery(
                "select access_token, refresh_token from connected_accounts where id = '" + id + "'")) {
            assertThat(row.next()).isTrue();
            for (String column : List.of("access_token", "refresh_token")) {
                String stored = row.getString(column);
                assertThat(stored).startsWith("v1:");
                stub.issuedTokens().forEach(token -> assertThat(stored).doesNotContain(token));
            }
        }

        JsonObject grouped = api.get("/api/external/accounts").json().getJsonObject("accounts");
        assertThat(grouped.getJsonArray("linkedin").getJsonObject(0).getString("id")).isEqualTo(id);
        assertThat(grouped.getJsonArray("linkedin").getJsonObject(0).getString("username")).isEqualTo("Ada Lovelace");
    }

    @Test
    void aStateIsUsedOnceAndAWrongStateIsRefused() {
        Api api = Api.at(base);
        URI authorize = URI.create(api.get("/api/external/v1/connections/linkedin/start").json().getString("authorization_url"));
        String callbackUrl = api.send(java.net.http.HttpRequest.newBuilder(authorize).GET()).header("Location");

        Api.Reply forged = api.anonymous().send(java.net.http.HttpRequest.newBuilder(
                URI.create(callbackUrl.replaceAll("state=[^&]+", "state=forged"))).GET());
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.json().getString("detail")).contains("OAuth state");

        assertThat(api.anonymous().send(java.net.http.HttpRequest.newBuilder(URI.create(callbackUrl)).GET()).status()).isEqualTo(200);
        Api.Reply replay = api.anonymous().send(java.net.http.HttpRequest.newBuilder(URI.create(callbackUrl)).GET());
        assertThat(replay.status()).isEqualTo(400);

        Api.Reply denied = api.anonymous().get("/api/external/v1/connections/linkedin/callback?error=access_denied&state=whatever");
        assertThat(denied.status()).isEqualTo(400);
    }

    @Test
    void severalPagesWaitForASelectionThatConnectsTheChosenOnes() {
        Api api = Api.at(base);
        Api.Reply saved = api.put("/api/external/v1/settings/platform-oauth/facebook",
                "{\"client_id\":\"" + PlatformStub.FACEBOOK_CLIENT + "\",\"client_secret\":\"" + PlatformStub.FACEBOOK_SECRET + "\"}");
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain(PlatformStub.FACEBOOK_SECRET);
        assertThat(api.get("/api/external/v1/settings/platform-oauth/facebook").body()).doesNotContain(PlatformStub.FACEBOOK_SECRET);

        JsonObject pending = connectFacebook(api);
        assertThat(pending.getString("status")).isEqualTo("pending_selection");
        JsonArray options = pending.getJsonArray("options");
        assertThat(options).hasSize(2);
        assertThat(options.getJsonObject(1).getString("display_name")).isEqualTo("Difference Engines");
        assertThat(pending.toString()).doesNotContain("page-token");
        String nonce = pending.getString("nonce");
        assertThat(api.get("/api/external/v1/connections/oauth/pending/" + nonce).json().getJsonArray("options")).hasSize(2);

        Api.Reply confirmed = api.post("/api/external/v1/accounts/confirm",
                "{\"nonce\":\"" + nonce + "\",\"selections\":[{\"index\":1,\"is_default\":true}]}");
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(201);
        String accountId = confirmed.json().getJsonArray("account_ids").getString(0);

        JsonObject page = api.get("/api/external/v1/accounts?platform=facebook").json();
        assertThat(page.getJsonObject("meta").getInt("total")).isEqualTo(1);
        JsonObject account = page.getJsonArray("data").getJsonObject(0);
        assertThat(account.getString("id")).isEqualTo(accountId);
        assertThat(account.getString("platform_account_id")).isEqualTo("page-2");
        assertThat(account.getBoolean("is_default")).isTrue();

        assertThat(api.post("/api/external/v1/accounts/confirm",
                "{\"nonce\":\"" + nonce + "\",\"selections\":[{\"index\":0}]}").status()).as("a nonce is used once").isEqualTo(404);
    }

    @Test
    void anExpiredPendingSelectionCannotBeConfirmed() {
        Api api = Api.at(base);
        api.put("/api/external/v1/settings/platform-oauth/facebook",
                "{\"client_id\":\"" + PlatformStub.FACEBOOK_CLIENT + "\",\"client_secret\":\"" + PlatformStub.FACEBOOK_SECRET + "\"}");
        String nonce = connectFacebook(api).getString("nonce");

        api.anonymous().post("/test-support/clock?advance=PT16M", "");

        assertThat(api.get("/api/external/v1/connections/oauth/pending/" + nonce).status()).isEqualTo(404);
        Api.Reply late = api.post("/api/external/v1/accounts/confirm", "{\"nonce\":\"" + nonce + "\",\"selections\":[{\"index\":0}]}");
        assertThat(late.status()).isEqualTo(404);
        assertThat(late.json().getString("detail")).contains("expired");
    }

    @Test
    void tokensAreRefreshedAheadOfExpiryAndARefusedRefreshExpiresTheAccountWithANotification() throws SQLException {
        Api api = Api.at(base);
        stub.expiresIn(120);
        String id;
        try {
            URI authorize = URI.create(api.get("/api/external/v1/connections/linkedin/start").json().getString("authorization_url"));
            id = followAuthorization(api, authorize).json().getJsonArray("accounts").getJsonObject(0).getString("id");
        } finally {
            stub.expiresIn(3600);
        }
        String before = storedAccessToken(id);

        assertThat(api.post("/api/system/token-refresh", "").json().getInt("refreshed")).isGreaterThanOrEqualTo(1);
        assertThat(stub.grantTypes()).contains("linkedin:refresh_token");
        assertThat(storedAccessToken(id)).isNotEqualTo(before).startsWith("v1:");
        assertThat(api.get("/api/external/v1/accounts/" + id).json().getString("status")).isEqualTo("active");

        stub.revokeAllRefreshTokens();
        api.anonymous().post("/test-support/clock?advance=PT2H", "");
        api.post("/api/system/token-refresh", "");

        assertThat(api.get("/api/external/v1/accounts/" + id).json().getString("status")).isEqualTo("token_expired");
        JsonObject notifications = api.get("/api/external/v1/notifications?unread=true").json();
        assertThat(notifications.getJsonArray("data").stream().map(JsonObject.class::cast)
                .filter(n -> n.getString("kind").equals("token_expired") && n.getString("subject_id").equals(id)))
                .hasSize(1);
    }

    @Test
    void disconnectingClearsTheTokensAndKeepsTheRecord() throws SQLException {
        Api api = Api.at(base);
        URI authorize = URI.create(api.get("/api/external/v1/connections/linkedin/start").json().getString("authorization_url"));
        String id = followAuthorization(api, authorize).json().getJsonArray("accounts").getJsonObject(0).getString("id");

        JsonObject disconnected = api.delete("/api/external/v1/accounts/" + id).json();
        assertThat(disconnected.getString("status")).isEqualTo("disconnected");
        assertThat(storedAccessToken(id)).isNull();
        assertThat(api.get("/api/external/v1/accounts?status=disconnected").json().getJsonArray("data").stream()
                .map(JsonObject.class::cast).map(a -> a.getString("id"))).contains(id);
        assertThat(api.put("/api/external/v1/accounts/" + id + "/set-default", "").status()).isEqualTo(409);
    }

    @Test
    void platformsListTheirConstraintsAndUnknownOnesAre404() {
        Api api = Api.at(base);
        JsonArray platforms = api.get("/api/external/v1/platforms").structure().asJsonArray();
        List<String> names = new ArrayList<>();
        platforms.forEach(p -> names.add(p.asJsonObject().getString("platform")));
        assertThat(names).contains("tiktok", "youtube", "instagram", "facebook", "twitter", "linkedin", "threads", "bluesky",
                "mastodon", "pinterest", "reddit", "snapchat", "dribbble");
        JsonObject x = api.get("/api/external/v1/platforms/x").json();
        assertThat(x.getString("platform")).isEqualTo("twitter");
        assertThat(x.getInt("max_characters")).isEqualTo(280);
        assertThat(x.getBoolean("supports_threads")).isTrue();
        Api.Reply unknown = api.get("/api/external/v1/platforms/myspace");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().getString("detail")).isEqualTo("Unknown platform: myspace");
    }

    private JsonObject connectFacebook(Api api) {
        URI authorize = URI.create(api.get("/api/external/v1/connections/facebook/start").json().getString("authorization_url"));
        Api.Reply callback = followAuthorization(api, authorize);
        assertThat(callback.status()).as(callback.toString()).isEqualTo(200);
        return callback.json();
    }

    /** The person's browser: the platform's consent page redirects back to the callback, without our API key. */
    private static Api.Reply followAuthorization(Api api, URI authorize) {
        Api.Reply consent = api.anonymous().send(java.net.http.HttpRequest.newBuilder(authorize).GET());
        assertThat(consent.status()).as(consent.toString()).isEqualTo(302);
        return api.anonymous().send(java.net.http.HttpRequest.newBuilder(URI.create(consent.header("Location"))).GET());
    }

    private static String storedAccessToken(String id) throws SQLException {
        try (Connection db = database(); ResultSet row = db.createStatement().executeQuery(
                "select access_token from connected_accounts where id = '" + id + "'")) {
            row.next();
            return row.getString(1);
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(System.getenv("SYNDICAST_DB_URL"));
    }
}

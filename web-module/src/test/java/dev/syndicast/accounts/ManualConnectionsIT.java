package dev.syndicast.accounts;

import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.PlatformStub;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bluesky and Mastodon connect without OAuth ({@code POST /api/external/v1/connections/{platform}}): the credential is
 * checked against the platform (here {@link PlatformStub}), the server URL passes the URL guard, and the tokens
 * land in the vault like any other.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ManualConnectionsIT {

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
    }

    @Test
    void blueskyConnectsWithAnAppPasswordAndRefreshesItsSession() throws SQLException {
        Api api = Api.at(base);
        Api.Reply connected = api.post("/api/external/v1/connections/bluesky", """
                {"handle":"%s","app_password":"%s","service_url":"%s/bluesky"}""".formatted(
                PlatformStub.BLUESKY_HANDLE, PlatformStub.BLUESKY_APP_PASSWORD, stub.baseUrl()));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
        JsonObject account = connected.json();
        assertThat(account.getString("platform_account_id")).isEqualTo("did:plc:ada");
        assertThat(account.getString("username")).isEqualTo(PlatformStub.BLUESKY_HANDLE);
        assertThat(account.getString("service_url")).endsWith("/bluesky");
        assertThat(account.getString("token_expires_at")).isNotBlank();
        assertThat(connected.body()).doesNotContain(PlatformStub.BLUESKY_APP_PASSWORD);
        stub.issuedTokens().forEach(token -> assertThat(connected.body()).doesNotContain(token));
        String id = account.getString("id");
        assertNoPlaintext(id);

        api.anonymous().post("/test-support/clock?advance=PT2H", "");
        api.post("/api/system/token-refresh", "");
        assertThat(stub.grantTypes()).contains("bluesky:refreshSession");
        assertThat(api.get("/api/external/v1/accounts/" + id).json().getString("status")).isEqualTo("active");
        assertNoPlaintext(id);
    }

    @Test
    void aWrongAppPasswordIsTheCallersMistake() {
        Api.Reply refused = Api.at(base).post("/api/external/v1/connections/bluesky", """
                {"handle":"%s","app_password":"wrong-pass","service_url":"%s/bluesky"}""".formatted(
                PlatformStub.BLUESKY_HANDLE, stub.baseUrl()));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getString("detail")).contains("Bluesky refused the credentials", "AuthenticationRequired");
        assertThat(refused.body()).doesNotContain("wrong-pass");
    }

    @Test
    void mastodonConnectsWithAnInstanceToken() {
        Api api = Api.at(base);
        Api.Reply connected = api.post("/api/external/v1/connections/mastodon", """
                {"instance_url":"%s/mastodon","access_token":"%s"}""".formatted(stub.baseUrl(), PlatformStub.MASTODON_TOKEN));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
        assertThat(connected.json().getString("username")).isEqualTo("@ada");
        assertThat(connected.json().getString("platform_account_id")).isEqualTo("109348");
        assertThat(connected.body()).doesNotContain(PlatformStub.MASTODON_TOKEN);

        Api.Reply wrong = api.post("/api/external/v1/connections/mastodon", """
                {"instance_url":"%s/mastodon","access_token":"not-the-token"}""".formatted(stub.baseUrl()));
        assertThat(wrong.status()).isEqualTo(400);
    }

    @Test
    void anInstanceOnAnInternalAddressIsRefusedBeforeAnyCall() {
        Api api = Api.at(base);
        for (String instance : new String[] {"http://169.254.169.254", "http://10.0.0.7", "http://localhost:8080", "file:///etc/passwd"}) {
            Api.Reply refused = api.post("/api/external/v1/connections/mastodon",
                    "{\"instance_url\":\"" + instance + "\",\"access_token\":\"t\"}");
            assertThat(refused.status()).as(instance + " " + refused).isIn(400, 422);
            assertThat(refused.json().keySet()).contains("error", "detail");
        }
        assertThat(api.get("/api/external/v1/accounts?platform=mastodon").json().getJsonObject("meta").getInt("total"))
                .as("nothing stored for refused instances").isLessThanOrEqualTo(1);
    }

    @Test
    void oauthPlatformsAndMissingFieldsAreClearErrors() {
        Api api = Api.at(base);
        Api.Reply oauthOnly = api.post("/api/external/v1/connections/linkedin", "{\"access_token\":\"x\"}");
        assertThat(oauthOnly.status()).isEqualTo(400);
        assertThat(oauthOnly.json().getString("detail")).contains("connects with OAuth");
        Api.Reply missing = api.post("/api/external/v1/connections/bluesky", "{\"handle\":\"ada.bsky.social\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().getString("detail")).contains("app_password is required");
    }

    private static void assertNoPlaintext(String id) throws SQLException {
        try (Connection db = DriverManager.getConnection(System.getenv("SYNDICAST_DB_URL"));
             ResultSet row = db.createStatement().executeQuery(
                     "select access_token, refresh_token from connected_accounts where id = '" + id + "'")) {
            assertThat(row.next()).isTrue();
            for (String column : new String[] {"access_token", "refresh_token"}) {
                String stored = row.getString(column);
                assertThat(stored).startsWith("v1:");
                PlatformStub.instance().issuedTokens().forEach(token -> assertThat(stored).doesNotContain(token));
            }
        }
    }
}

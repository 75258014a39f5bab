package dev.syndicast.platforms.entity;

import java.util.List;
import java.util.Map;

/**
 * A platform's OAuth 2.0 authorization-code flow, as its documentation describes it: where to send the user,
 * where to exchange the code, and where to ask who connected. Platforms differ in small ways the fields capture:
 * TikTok calls the client id {@code client_key}; Facebook, Threads, Pinterest and TikTok separate scopes with
 * commas; X, Pinterest and Reddit want the client credentials as HTTP Basic; Google and Reddit need extra
 * parameters to hand out a refresh token.
 *
 * @param accounts  how to read the accounts (or pages) answer of {@code accountsUrl}
 * @param longLived how the short-lived token the code exchange hands out becomes a long-lived one (Meta's logins:
 *                  Instagram, Facebook, Threads); null where the code exchange already gives the token to keep
 */
public record OAuthEndpoints(String authorizeUrl, String tokenUrl, String accountsUrl, List<String> scopes,
                             String scopeSeparator, String clientIdParameter, boolean basicClientAuth,
                             Map<String, String> extraAuthorizeParameters, AccountMapping accounts, LongLivedTokens longLived) {

    public OAuthEndpoints {
        scopes = List.copyOf(scopes);
        extraAuthorizeParameters = Map.copyOf(extraAuthorizeParameters);
    }

    /**
     * JSON pointers into the accounts answer. {@code listPointer} points at an array of accounts or at a single
     * account object ("" = the whole body); the others are relative to one account. {@code tokenPointer}, when
     * set, is a per-account access token (Facebook pages carry their own).
     */
    public record AccountMapping(String listPointer, String idPointer, String usernamePointer, String namePointer,
                                 String avatarPointer, String tokenPointer) {
    }

    /**
     * Meta's logins hand out a short-lived token (an hour or two) that the app exchanges, server-side and with its
     * app secret, for a long-lived one ({@code GET <exchangeUrl>?grant_type=<exchangeGrant>&client_secret=...&<tokenParameter>=...},
     * plus {@code client_id} where {@code sendsClientId}); where {@code refreshUrl} is set, the long-lived token is
     * renewed before it runs out with {@code GET <refreshUrl>?grant_type=<refreshGrant>&access_token=...} (no refresh
     * token exists). The pages:
     * <ul>
     *   <li>Instagram: developers.facebook.com/documentation/instagram-platform/reference/access_token
     *   ({@code ig_exchange_token}, 60 days) and .../reference/refresh_access_token ({@code ig_refresh_token}, a token at
     *   least 24 hours old and unexpired, valid 60 days again);</li>
     *   <li>Threads: developers.facebook.com/docs/threads/get-started/long-lived-tokens ({@code th_exchange_token},
     *   {@code th_refresh_token}, the same rules);</li>
     *   <li>Facebook: developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived
     *   ({@code fb_exchange_token} on {@code oauth/access_token}, about 60 days) and developers.facebook.com/docs/pages/access-tokens
     *   (Page tokens read with a long-lived user token have no expiration date), so no refresh.</li>
     * </ul>
     *
     * @param exchangeUrl   null: the platform's token endpoint ({@link OAuthEndpoints#tokenUrl()}) takes the exchange too
     * @param documentedLife how long a long-lived token lives by the platform's documentation, assumed when an answer
     *                       leaves out {@code expires_in}
     */
    public record LongLivedTokens(String exchangeUrl, String exchangeGrant, boolean sendsClientId, String tokenParameter,
                                  String refreshUrl, String refreshGrant, java.time.Duration documentedLife) {

        /** Whether the long-lived token is renewed by itself (Instagram, Threads) rather than kept until revoked. */
        public boolean renewsItself() {
            return refreshUrl != null;
        }

        /** Other endpoints (a deployment's or a test's); a platform without a refresh grant (Facebook) gets no refresh URL. */
        public LongLivedTokens withUrls(String exchange, String refresh) {
            return new LongLivedTokens(exchange, exchangeGrant, sendsClientId, tokenParameter, refreshGrant == null ? null : refresh,
                    refreshGrant, documentedLife);
        }
    }

    /** Where the long-lived exchange is sent: its own URL, or the token endpoint. */
    public String longLivedExchangeUrl() {
        return longLived == null ? null : longLived.exchangeUrl() != null ? longLived.exchangeUrl() : tokenUrl;
    }
}

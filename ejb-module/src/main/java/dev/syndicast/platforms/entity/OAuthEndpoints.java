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
 * @param accounts how to read the accounts (or pages) answer of {@code accountsUrl}
 */
public record OAuthEndpoints(String authorizeUrl, String tokenUrl, String accountsUrl, List<String> scopes,
                             String scopeSeparator, String clientIdParameter, boolean basicClientAuth,
                             Map<String, String> extraAuthorizeParameters, AccountMapping accounts) {

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
}

package dev.syndicast.accounts.control;

/**
 * An account (or page) as the platform described it after a connect. {@code accessToken} is set only when the
 * account carries a token of its own (Facebook pages).
 */
public record RemoteAccount(String platformAccountId, String username, String displayName, String avatarUrl, String accessToken) {

    @Override
    public String toString() {
        return "RemoteAccount[" + platformAccountId + ", " + username + "]";
    }
}

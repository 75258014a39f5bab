package dev.syndicast.accounts.rest;

import dev.syndicast.accounts.entity.ConnectedAccount;

import java.time.Instant;
import java.util.UUID;

/**
 * An account as every route shows it: metadata only; tokens never leave the server. {@code daily_cap} is the account's
 * own posting cap for smart scheduling, {@code null} when its platform's holds.
 */
public record AccountView(UUID id, String platform, String platformAccountId, String displayName, String username, String avatarUrl,
                          String profileUrl, String accountType, String status, String scopes, String platformMeta, String serviceUrl,
                          boolean isDefault, Integer dailyCap, String connectedBy, Instant connectedAt, Instant lastUsed,
                          Instant tokenExpiresAt, Instant disconnectedAt) {

    public static AccountView of(ConnectedAccount a) {
        return new AccountView(a.getId(), a.getPlatform(), a.getPlatformAccountId(), a.getDisplayName(), a.getUsername(),
                a.getAvatarUrl(), a.getProfileUrl(), a.getAccountType(), a.getStatus().wire(), a.getScopes(), a.getPlatformMeta(),
                a.getServiceUrl(), a.isDefaultAccount(), a.getDailyCap(), a.getConnectedBy(), a.getConnectedAt(), a.getLastUsedAt(),
                a.getTokenExpiresAt(), a.getDisconnectedAt());
    }
}

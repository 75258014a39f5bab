package dev.syndicast.publishing.boundary;

import dev.syndicast.accounts.control.AccountStore;
import dev.syndicast.accounts.control.RemoteAccount;
import dev.syndicast.accounts.control.TokenSet;
import dev.syndicast.accounts.entity.ConnectedAccount;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.platforms.control.PlatformRegistry;
import dev.syndicast.platforms.entity.PlatformSpec;
import dev.syndicast.publishing.control.SandboxConnector;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * Accounts that publish to the sandbox service: of platform {@code sandbox}, or of any platform "through the sandbox"
 * (a demo workspace's tiktok account whose posts land in the sandbox, validated against TikTok's limits). No remote
 * authorization: the sandbox accepts any bearer token and records it.
 */
@Stateless
public class SandboxAccounts {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AccountStore accounts;

    @Inject
    PlatformRegistry platforms;

    public ConnectedAccount connect(UUID workspaceId, String platform, String platformAccountId, String username, String connectedBy) {
        PlatformSpec spec = platforms.find(platform == null ? SandboxConnector.SERVICE : platform)
                .orElseThrow(() -> new InvalidInputException("Invalid platform: " + platform));
        if (platformAccountId == null || platformAccountId.isBlank()) {
            throw new InvalidInputException("platform_account_id is required");
        }
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String token = "sbx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ConnectedAccount account = accounts.connect(workspaceId, spec.name(),
                new RemoteAccount(platformAccountId.strip(), username, username, null, null),
                new TokenSet(token, null, null, "publish"), connectedBy);
        account.federatedAt(SandboxConnector.SERVICE);
        return account;
    }
}

package dev.syndicast.publishing.control;

import dev.syndicast.accounts.entity.ConnectedAccount;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.platforms.control.PlatformRegistry;
import dev.syndicast.platforms.entity.PlatformSpec;
import dev.syndicast.posts.control.TargetAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * The checks the external scheduling API makes on a target before anything is downloaded, with the messages its
 * existing clients know: the platform by any of its names ({@code x} is {@code twitter}), the account by Syndicast's
 * id or the platform's own id, of this workspace and that platform.
 */
@ApplicationScoped
public class ExternalTargets {

    @Inject
    PlatformRegistry platforms;

    @Inject
    TargetAccounts accounts;

    /** The platform's spec (its canonical name is {@code name()}); 400 naming the platforms there are. */
    public PlatformSpec platform(String name) {
        return platforms.named(name);
    }

    /** The workspace's connected account of the platform the reference names; 400 when there is none. */
    public ConnectedAccount account(UUID workspaceId, PlatformSpec platform, String accountRef) {
        if (accountRef == null || accountRef.isBlank()) {
            throw invalidAccount(platform, accountRef);
        }
        return accounts.resolve(workspaceId, platform.name(), accountRef).orElseThrow(() -> invalidAccount(platform, accountRef));
    }

    private static InvalidInputException invalidAccount(PlatformSpec platform, String accountRef) {
        return new InvalidInputException("Invalid account_id: " + accountRef + " for " + platform.name()
                + " (check it exists via /api/external/accounts)");
    }
}

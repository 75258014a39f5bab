package dev.syndicast.accounts.control;

import dev.syndicast.accounts.entity.PlatformCredentials;
import dev.syndicast.core.entity.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.Config;

import java.util.Optional;
import java.util.UUID;

/**
 * Which OAuth client a workspace uses for a platform: its own (the platform-oauth settings) or the
 * deployment's ({@code syndicast.platforms.<platform>.oauth.client-id} and {@code .client-secret}).
 */
@ApplicationScoped
public class ClientCredentialsResolver {

    @PersistenceContext
    EntityManager em;

    @Inject
    TokenVault vault;

    @Inject
    Config config;

    public OAuthClient.ClientCredentials resolve(UUID workspaceId, String platform) {
        PlatformCredentials own = em.find(PlatformCredentials.class, new PlatformCredentials.Key(workspaceId, platform));
        if (own != null) {
            return new OAuthClient.ClientCredentials(own.getClientId(),
                    vault.decrypt(own.getClientSecretCipher(), PlatformCredentials.secretContext(workspaceId, platform)));
        }
        Optional<String> id = config.getOptionalValue("syndicast.platforms." + platform + ".oauth.client-id", String.class);
        Optional<String> secret = config.getOptionalValue("syndicast.platforms." + platform + ".oauth.client-secret", String.class);
        if (id.isEmpty() || secret.isEmpty()) {
            throw new ConflictException("No OAuth client is configured for " + platform + ": set syndicast.platforms." + platform
                    + ".oauth.client-id and .client-secret, or PUT /api/external/v1/settings/platform-oauth/" + platform);
        }
        return new OAuthClient.ClientCredentials(id.get(), secret.get());
    }

    public boolean isConfigured(UUID workspaceId, String platform) {
        return em.find(PlatformCredentials.class, new PlatformCredentials.Key(workspaceId, platform)) != null
                || config.getOptionalValue("syndicast.platforms." + platform + ".oauth.client-id", String.class).isPresent();
    }
}

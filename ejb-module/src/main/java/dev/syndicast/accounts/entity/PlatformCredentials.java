package dev.syndicast.accounts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A workspace's own OAuth client for a platform (the platform-oauth settings); the secret is encrypted. */
@Entity
@Table(name = "platform_credentials")
public class PlatformCredentials {

    @EmbeddedId
    private Key key;

    @Column(name = "client_id", nullable = false, length = 500)
    private String clientId;

    @Column(name = "client_secret", nullable = false, columnDefinition = "text")
    private String clientSecretCipher;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected PlatformCredentials() {
        // JPA
    }

    public PlatformCredentials(UUID workspaceId, String platform, String clientId, String clientSecretCipher, Instant now) {
        this.key = new Key(workspaceId, platform);
        replace(clientId, clientSecretCipher, now);
    }

    public void replace(String clientId, String clientSecretCipher, Instant now) {
        this.clientId = clientId;
        this.clientSecretCipher = clientSecretCipher;
        this.updatedAt = now;
    }

    public static String secretContext(UUID workspaceId, String platform) {
        return "platform-credentials:" + workspaceId + ":" + platform;
    }

    public Key getKey() { return key; }
    public String getClientId() { return clientId; }
    public String getClientSecretCipher() { return clientSecretCipher; }
    public Instant getUpdatedAt() { return updatedAt; }

    @Embeddable
    public record Key(@Column(name = "workspace_id") UUID workspaceId, @Column(name = "platform", length = 32) String platform)
            implements Serializable {
    }
}

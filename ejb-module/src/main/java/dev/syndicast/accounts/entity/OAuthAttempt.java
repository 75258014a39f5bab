package dev.syndicast.accounts.entity;

import dev.syndicast.core.entity.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One OAuth authorization in progress: the hash of its {@code state}, the workspace that started it, and the
 * encrypted PKCE verifier. A state is used once and only before it expires.
 */
@Entity
@Table(name = "oauth_attempts")
public class OAuthAttempt {

    @Id
    @Column(name = "state_hash", length = 64)
    private String stateHash;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Column(nullable = false, length = 32)
    private String platform;

    @Column(name = "code_verifier", nullable = false, columnDefinition = "text")
    private String codeVerifierCipher;

    @Column(name = "redirect_uri", nullable = false, length = 2000)
    private String redirectUri;

    @Column(name = "started_by", length = 200)
    private String startedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected OAuthAttempt() {
        // JPA
    }

    public OAuthAttempt(String stateHash, UUID workspaceId, String platform, String codeVerifierCipher, String redirectUri,
                        String startedBy, Instant now, Instant expiresAt) {
        this.stateHash = stateHash;
        this.workspaceId = workspaceId;
        this.platform = platform;
        this.codeVerifierCipher = codeVerifierCipher;
        this.redirectUri = redirectUri;
        this.startedBy = startedBy;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    /** Spends the state: a second callback with it, a late one, or one for another platform is refused. */
    public void consume(String callbackPlatform, Instant now) {
        if (usedAt != null || !now.isBefore(expiresAt) || !platform.equals(callbackPlatform)) {
            throw new InvalidInputException("Unknown, used or expired OAuth state; start the connection again");
        }
        usedAt = now;
    }

    public static String verifierContext(String stateHash) {
        return "oauth-attempt:" + stateHash;
    }

    public String getStateHash() { return stateHash; }
    public UUID getWorkspaceId() { return workspaceId; }
    public String getPlatform() { return platform; }
    public String getCodeVerifierCipher() { return codeVerifierCipher; }
    public String getRedirectUri() { return redirectUri; }
    public String getStartedBy() { return startedBy; }
    public Instant getExpiresAt() { return expiresAt; }
}

package dev.syndicast.accounts.entity;

import dev.syndicast.core.entity.NotFoundException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * The platform answered an OAuth connect with several accounts or pages to choose from: the options
 * wait here, under an unguessable nonce, until a person confirms some of them or the selection expires. The
 * options are public facts; the tokens that come with them stay encrypted.
 */
@Entity
@Table(name = "oauth_pending_selections")
public class PendingSelection {

    @Id
    @Column(length = 64)
    private String nonce;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Column(nullable = false, length = 32)
    private String platform;

    /** JSON array of {platform_account_id, username, display_name, avatar_url}. */
    @Column(nullable = false, columnDefinition = "text")
    private String options;

    /** Vault ciphertext of the token bundle. */
    @Column(nullable = false, columnDefinition = "text")
    private String tokens;

    @Column(name = "started_by", length = 200)
    private String startedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected PendingSelection() {
        // JPA
    }

    public PendingSelection(String nonce, UUID workspaceId, String platform, String options, String tokens, String startedBy,
                            Instant now, Instant expiresAt) {
        this.nonce = nonce;
        this.workspaceId = workspaceId;
        this.platform = platform;
        this.options = options;
        this.tokens = tokens;
        this.startedBy = startedBy;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    /** The nonce must exist, belong to the caller's workspace and not be expired. */
    public void requireUsableBy(UUID workspace, Instant now) {
        if (!workspaceId.equals(workspace) || !now.isBefore(expiresAt)) {
            throw new NotFoundException("Unknown or expired pending selection");
        }
    }

    public static String tokensContext(String nonce) {
        return "oauth-pending:" + nonce;
    }

    public String getNonce() { return nonce; }
    public UUID getWorkspaceId() { return workspaceId; }
    public String getPlatform() { return platform; }
    public String getOptions() { return options; }
    public String getTokens() { return tokens; }
    public String getStartedBy() { return startedBy; }
    public Instant getExpiresAt() { return expiresAt; }
}

package dev.syndicast.tenancy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One write made through the API: who (a key or a person), in which workspace, what, on what, when. Immutable. */
@Entity
@Table(name = "audit_logs")
public class AuditEntry {

    public enum ActorKind { KEY, USER }

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Enumerated(EnumType.STRING)
    @Column(name = "actor_kind", nullable = false, length = 8)
    private ActorKind actorKind;

    @Column(name = "actor_id")
    private UUID actorId;

    @Column(name = "actor_name", nullable = false, length = 254)
    private String actorName;

    @Column(nullable = false, length = 200)
    private String action;

    @Column(length = 500)
    private String target;

    @Column(nullable = false)
    private int status;

    @Column(length = 500)
    private String summary;

    @Column(name = "request_id", length = 64)
    private String requestId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected AuditEntry() {
        // JPA
    }

    public AuditEntry(UUID workspaceId, ActorKind actorKind, UUID actorId, String actorName, String action,
                      String target, int status, String summary, String requestId, Instant now) {
        this.id = UUID.randomUUID();
        this.workspaceId = workspaceId;
        this.actorKind = actorKind;
        this.actorId = actorId;
        this.actorName = clip(actorName == null ? "unknown" : actorName, 254);
        this.action = clip(action, 200);
        this.target = target == null ? null : clip(target, 500);
        this.status = status;
        this.summary = summary == null ? null : clip(summary, 500);
        this.requestId = requestId == null ? null : clip(requestId, 64);
        this.createdAt = now;
    }

    private static String clip(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }

    public UUID getId() { return id; }
    public UUID getWorkspaceId() { return workspaceId; }
    public ActorKind getActorKind() { return actorKind; }
    public UUID getActorId() { return actorId; }
    public String getActorName() { return actorName; }
    public String getAction() { return action; }
    public String getTarget() { return target; }
    public int getStatus() { return status; }
    public String getSummary() { return summary; }
    public String getRequestId() { return requestId; }
    public Instant getCreatedAt() { return createdAt; }
}

package dev.syndicast.engagement.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Something a workspace's people should know and may act on; it is read once, never edited. */
@Entity
@Table(name = "notifications")
@NamedQuery(name = Notification.LIST_FOR_WORKSPACE,
        query = "select n from Notification n where n.workspaceId = :workspace"
                + " and (:unreadOnly = false or n.readAt is null) order by n.createdAt desc, n.id")
@NamedQuery(name = Notification.COUNT_BY_SEVERITY,
        query = "select n.severity, count(n), sum(case when n.readAt is null then 1 else 0 end) from Notification n"
                + " where n.workspaceId = :workspace group by n.severity")
public class Notification {

    public static final String LIST_FOR_WORKSPACE = "Notification.listForWorkspace";
    public static final String COUNT_BY_SEVERITY = "Notification.countBySeverity";

    public enum Severity { info, warning, error }

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Column(nullable = false, length = 64)
    private String kind;

    @Column(nullable = false, length = 16)
    private String severity;

    @Column(nullable = false, length = 300)
    private String title;

    @Column(columnDefinition = "text")
    private String detail;

    @Column(name = "subject_type", length = 64)
    private String subjectType;

    @Column(name = "subject_id", length = 100)
    private String subjectId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "read_at")
    private Instant readAt;

    protected Notification() {
        // JPA
    }

    public Notification(UUID workspaceId, String kind, Severity severity, String title, String detail, String subjectType,
                        String subjectId, Instant now) {
        this.id = UUID.randomUUID();
        this.workspaceId = Objects.requireNonNull(workspaceId);
        this.kind = Objects.requireNonNull(kind);
        this.severity = severity.name();
        this.title = title.length() > 300 ? title.substring(0, 300) : title;
        this.detail = detail;
        this.subjectType = subjectType;
        this.subjectId = subjectId;
        this.createdAt = now;
    }

    public void markRead(Instant now) {
        if (readAt == null) {
            readAt = now;
        }
    }

    public UUID getId() { return id; }
    public UUID getWorkspaceId() { return workspaceId; }
    public String getKind() { return kind; }
    public String getSeverity() { return severity; }
    public String getTitle() { return title; }
    public String getDetail() { return detail; }
    public String getSubjectType() { return subjectType; }
    public String getSubjectId() { return subjectId; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getReadAt() { return readAt; }
}

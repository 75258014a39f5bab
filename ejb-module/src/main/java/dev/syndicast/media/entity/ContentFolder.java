package dev.syndicast.media.entity;

import dev.syndicast.core.entity.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An explicit (possibly empty) folder of posts or media; items also name folders implicitly by their path. */
@Entity
@Table(name = "content_folders")
@NamedQuery(name = ContentFolder.LIST_IN_SCOPE,
        query = "select f from ContentFolder f where f.workspaceId = :workspace and f.scope = :scope order by f.path")
@NamedQuery(name = ContentFolder.FIND_BY_PATH,
        query = "select f from ContentFolder f where f.workspaceId = :workspace and f.scope = :scope and f.path = :path")
public class ContentFolder {

    public static final String LIST_IN_SCOPE = "ContentFolder.listInScope";
    public static final String FIND_BY_PATH = "ContentFolder.findByPath";

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private UUID workspaceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8, updatable = false)
    private FolderScope scope;

    @Column(nullable = false, length = 500, updatable = false)
    private String path;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected ContentFolder() {
        // JPA
    }

    public ContentFolder(UUID workspaceId, FolderScope scope, String path, Instant now) {
        this.id = UUID.randomUUID();
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.path = FolderPath.normalize(path);
        if (this.path.isEmpty()) {
            throw new InvalidInputException("A folder needs a name: give folder_path, or name with an optional parent_path");
        }
        this.createdAt = now;
    }

    public UUID getId() { return id; }
    public UUID getWorkspaceId() { return workspaceId; }
    public FolderScope getScope() { return scope; }
    public String getPath() { return path; }
    public String getName() { return FolderPath.nameOf(path); }
    public String getParentPath() { return FolderPath.parentOf(path); }
    public Instant getCreatedAt() { return createdAt; }
}

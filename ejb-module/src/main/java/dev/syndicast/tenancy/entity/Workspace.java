package dev.syndicast.tenancy.entity;

import dev.syndicast.core.entity.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/** A tenant (an organisation, as {@code X-Org-Id} names it). All data belongs to exactly one workspace. */
@Entity
@Table(name = "workspaces")
@NamedQuery(name = Workspace.FIND_BY_SLUG, query = "select w from Workspace w where w.slug = :slug")
@NamedQuery(name = Workspace.FIND_ALL, query = "select w from Workspace w order by w.slug")
public class Workspace {

    public static final String FIND_BY_SLUG = "Workspace.findBySlug";
    public static final String FIND_ALL = "Workspace.findAll";
    public static final String DEFAULT_SLUG = "default";
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    @Id
    private UUID id;

    @Column(nullable = false, unique = true, length = 64)
    private String slug;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Workspace() {
        // JPA
    }

    public Workspace(String slug, String name, Instant now) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new InvalidInputException("Workspace slug must be lowercase letters, digits and dashes (1-63)");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidInputException("Workspace name must be 1-200 characters");
        }
        this.id = UUID.randomUUID();
        this.slug = slug;
        this.name = name.strip();
        this.createdAt = now;
    }

    public boolean isDefault() {
        return DEFAULT_SLUG.equals(slug);
    }

    public UUID getId() { return id; }
    public String getSlug() { return slug; }
    public String getName() { return name; }
    public Instant getCreatedAt() { return createdAt; }
}

package dev.syndicast.tenancy.control;

import dev.syndicast.tenancy.entity.Role;
import dev.syndicast.tenancy.entity.Workspace;

import java.util.Set;
import java.util.UUID;

/**
 * Who is calling and for which workspace. An API key ({@link Kind#KEY}: {@code keyId} is the key) or a
 * logged-in person ({@link Kind#SESSION}: {@code keyId} is the session). {@code userId} and {@code role} are
 * the person behind either, or null for the bootstrap key, which belongs to the installation.
 */
public record Caller(UUID keyId, String keyName, UUID workspaceId, String workspaceSlug, Set<String> scopes,
                     Kind kind, UUID userId, String userName, Role role) {

    public enum Kind { KEY, SESSION }

    public static final String ALL_SCOPES = "*";

    /** A key's caller, as the Foundation built it. */
    public Caller(UUID keyId, String keyName, UUID workspaceId, String workspaceSlug, Set<String> scopes) {
        this(keyId, keyName, workspaceId, workspaceSlug, scopes, Kind.KEY, null, null, null);
    }

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public boolean has(String scope) {
        return scopes.contains(ALL_SCOPES) || scopes.contains(scope);
    }

    /** The installation's operator: an admin ({@code *}) of the default workspace. */
    public boolean isOperator() {
        return Workspace.DEFAULT_SLUG.equals(workspaceSlug) && has(ALL_SCOPES);
    }

    public boolean isSession() {
        return kind == Kind.SESSION;
    }

    /** The key, or for a session the person: what the audit log names as "who". */
    public UUID actorId() {
        return kind == Kind.SESSION ? userId : keyId;
    }

    public String actorName() {
        return kind == Kind.SESSION ? userName : keyName;
    }
}

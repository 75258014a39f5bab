package dev.syndicast.tenancy.control;

import java.util.Set;
import java.util.UUID;

/** Who is calling: the key that authenticated the request and the workspace it acts for. */
public record Caller(UUID keyId, String keyName, UUID workspaceId, String workspaceSlug, Set<String> scopes) {

    public boolean has(String scope) {
        return scopes.contains("*") || scopes.contains(scope);
    }
}

package dev.syndicast.tenancy.boundary;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.tenancy.control.Authentication;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.control.KeyGenerator;
import dev.syndicast.tenancy.control.OrgHeader;
import dev.syndicast.tenancy.control.Tenants;
import dev.syndicast.tenancy.entity.AccessDeniedException;
import dev.syndicast.tenancy.entity.ApiKey;
import dev.syndicast.tenancy.entity.Membership;
import dev.syndicast.tenancy.entity.Role;
import dev.syndicast.tenancy.entity.Scope;
import dev.syndicast.tenancy.entity.User;
import dev.syndicast.tenancy.entity.Workspace;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/** Authenticates raw API keys, and the key lifecycle a logged-in person drives (create, list, revoke). */
@Stateless
public class ApiKeys {

    /** Keys of a person: the raw key appears only in this reply, once. */
    public record CreatedKey(String rawKey, ApiKey key) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Tenants tenants;

    /** @return the caller, or empty for an unknown, revoked or expired key (the reply never says which) */
    public Optional<Caller> authenticate(String rawKey) {
        return authenticate(rawKey, Optional.empty()).success();
    }

    /**
     * Checks a key and the tenant it acts for: its own workspace, or for an agent key the one X-Org-Id
     * names (required). The key's scopes are capped by its owner's current role in that workspace.
     */
    public Authentication authenticate(String rawKey, Optional<OrgHeader> org) {
        if (rawKey == null || rawKey.isBlank() || rawKey.length() > 200) {
            return Authentication.invalid();
        }
        Instant now = clock.instant();
        Optional<ApiKey> found = em.createNamedQuery(ApiKey.FIND_BY_HASH, ApiKey.class)
                .setParameter("hash", KeyGenerator.hash(rawKey))
                .getResultStream()
                .findFirst()
                .filter(key -> key.isUsable(now));
        if (found.isEmpty()) {
            return Authentication.invalid();
        }
        ApiKey key = found.get();
        if (key.isAgent() && org.isEmpty()) {
            return Authentication.tenantHeaderRequired();
        }
        Workspace workspace = key.getWorkspace();
        if (org.isPresent()) {
            Optional<Workspace> named = tenants.find(org.get()).filter(key::mayActFor);
            if (named.isEmpty()) {
                return Authentication.tenantForbidden();
            }
            workspace = named.get();
        }
        Set<String> scopes = key.scopeSet();
        Role role = null;
        if (key.getOwner() != null) {
            Optional<Membership> membership = tenants.membership(key.getOwner().getId(), workspace.getId());
            if (membership.isEmpty()) {
                // The owner left this workspace: their keys stop working there at once.
                return org.isPresent() ? Authentication.tenantForbidden() : Authentication.invalid();
            }
            role = membership.get().getRole();
            scopes = capped(scopes, role);
        }
        key.markUsed(now);
        return Authentication.ok(new Caller(key.getId(), key.getName(), workspace.getId(), workspace.getSlug(),
                scopes, Caller.Kind.KEY, key.getOwner() == null ? null : key.getOwner().getId(),
                key.getOwner() == null ? null : key.getOwner().getDisplayName(), role));
    }

    static Set<String> capped(Set<String> scopes, Role role) {
        if (role.mayGrant(Scope.ALL.wire())) {
            return scopes;
        }
        Set<String> result = new TreeSet<>();
        for (String scope : scopes) {
            if (scope.equals(Scope.ALL.wire())) {
                result.addAll(role.grantable());
            } else if (role.mayGrant(scope)) {
                result.add(scope);
            }
        }
        return result;
    }

    /**
     * A person creates a key in the workspace of their session. The scopes must be known and within the
     * person's role; an agent key also lists the other workspaces it may act for, each one where the person
     * holds the same power.
     */
    public CreatedKey create(Caller person, String name, List<String> scopes, Instant expiresAt, List<String> agentWorkspaces) {
        Set<String> known = Scope.requireKnown(scopes);
        Role role = requireRole(person);
        Set<String> beyond = known.stream().filter(s -> !role.mayGrant(s)).collect(Collectors.toCollection(TreeSet::new));
        if (!beyond.isEmpty()) {
            throw new AccessDeniedException("Your role (" + role.wire() + ") cannot grant: " + String.join(", ", beyond));
        }
        Set<Workspace> others = new HashSet<>();
        if (agentWorkspaces != null) {
            for (String ref : agentWorkspaces) {
                Workspace other = tenants.findByIdOrSlug(ref)
                        .orElseThrow(() -> new InvalidInputException("Unknown workspace in workspaces: " + ref));
                Role there = tenants.membership(person.userId(), other.getId()).map(Membership::getRole)
                        .orElseThrow(() -> new InvalidInputException("Unknown workspace in workspaces: " + ref));
                if (known.stream().anyMatch(s -> !there.mayGrant(s))) {
                    throw new AccessDeniedException("Your role in " + other.getSlug() + " (" + there.wire()
                            + ") cannot grant these scopes");
                }
                others.add(other);
            }
        }
        Workspace workspace = em.find(Workspace.class, person.workspaceId());
        User owner = em.find(User.class, person.userId());
        String raw = KeyGenerator.newKey();
        Instant now = clock.instant();
        ApiKey key = ApiKey.ownedBy(owner, workspace, name, KeyGenerator.displayPrefix(raw), KeyGenerator.hash(raw),
                known, expiresAt, others, now);
        em.persist(key);
        return new CreatedKey(raw, key);
    }

    /** Admins see every key of the workspace; everyone else their own. */
    public List<ApiKey> list(Caller person) {
        Role role = requireRole(person);
        if (role == Role.ADMIN) {
            return em.createNamedQuery(ApiKey.FIND_BY_WORKSPACE, ApiKey.class)
                    .setParameter("workspaceId", person.workspaceId()).getResultList();
        }
        return em.createNamedQuery(ApiKey.FIND_BY_WORKSPACE_AND_OWNER, ApiKey.class)
                .setParameter("workspaceId", person.workspaceId())
                .setParameter("ownerId", person.userId()).getResultList();
    }

    /** Revocation is immediate: every request looks the key up, nothing caches it. */
    public ApiKey revoke(Caller person, UUID keyId) {
        Role role = requireRole(person);
        ApiKey key = em.createNamedQuery(ApiKey.FIND_IN_WORKSPACE, ApiKey.class)
                .setParameter("id", keyId).setParameter("workspaceId", person.workspaceId())
                .getResultStream().findFirst()
                .filter(k -> role == Role.ADMIN || (k.getOwner() != null && k.getOwner().getId().equals(person.userId())))
                .orElseThrow(() -> new NotFoundException("API key not found: " + keyId));
        key.revoke(clock.instant());
        return key;
    }

    private static Role requireRole(Caller person) {
        if (!person.isSession() || person.role() == null) {
            throw new AccessDeniedException("Key management needs a logged-in person (session), not an API key");
        }
        return person.role();
    }
}

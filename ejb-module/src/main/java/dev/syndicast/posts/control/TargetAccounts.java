package dev.syndicast.posts.control;

import dev.syndicast.accounts.control.AccountStore;
import dev.syndicast.accounts.entity.AccountStatus;
import dev.syndicast.accounts.entity.ConnectedAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds the live account a target names: by Syndicast's account id, or by the platform's own account id (the external scheduling API's
 * callers know their accounts by the platform's ids), or the platform's default account when none is named.
 */
@ApplicationScoped
public class TargetAccounts {

    @PersistenceContext
    EntityManager em;

    @Inject
    AccountStore accounts;

    public Optional<ConnectedAccount> resolve(UUID workspaceId, String platform, String accountRef) {
        if (accountRef == null || accountRef.isBlank()) {
            return accounts.defaultOf(workspaceId, platform).filter(ConnectedAccount::isConnected);
        }
        String ref = accountRef.strip();
        Optional<ConnectedAccount> byId = parseUuid(ref).map(id -> em.find(ConnectedAccount.class, id));
        if (byId.isPresent()) {
            return byId.filter(a -> a.getWorkspaceId().equals(workspaceId) && a.getPlatform().equals(platform) && a.isConnected());
        }
        return em.createQuery("select a from ConnectedAccount a where a.workspaceId = :workspace and a.platform = :platform"
                        + " and a.platformAccountId = :ref and a.status <> :disconnected", ConnectedAccount.class)
                .setParameter("workspace", workspaceId).setParameter("platform", platform).setParameter("ref", ref)
                .setParameter("disconnected", AccountStatus.DISCONNECTED)
                .getResultStream().filter(ConnectedAccount::isConnected).findFirst();
    }

    /** Finds a target's account by platform and reference (an id, a platform's own id, or none for the default). */
    @FunctionalInterface
    public interface Lookup {
        Optional<ConnectedAccount> find(String platform, String accountRef);
    }

    public Lookup lookup(UUID workspaceId) {
        return (platform, ref) -> resolve(workspaceId, platform, ref);
    }

    /** One lookup per account per call: for many posts at once (an import names the same few accounts thousands of times). */
    public Lookup remembering(UUID workspaceId) {
        Map<String, Optional<ConnectedAccount>> seen = new HashMap<>();
        return (platform, ref) -> seen.computeIfAbsent(platform + '\u0000' + (ref == null ? "" : ref.strip()),
                key -> resolve(workspaceId, platform, ref));
    }

    private static Optional<UUID> parseUuid(String value) {
        try {
            return value.length() == 36 ? Optional.of(UUID.fromString(value)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

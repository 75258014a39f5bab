package dev.syndicast.publishing.control;

import dev.syndicast.accounts.entity.AccountStatus;
import dev.syndicast.accounts.entity.ConnectedAccount;
import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.posts.entity.TargetStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The planner's view of a workspace's accounts: each account of the asked platforms with every instant already taken on
 * it (targets that have a time and are not failed or cancelled, whoever made them: other posts, manual schedules, posts
 * still importing media, and those already published, which count towards the day's cap and the gap as much). With {@code lock}, the account rows are locked ({@code select ... for
 * update}, in id order so two callers never wait on each other in a circle) before the instants are read, so a caller
 * that plans and writes its targets in the same transaction sees everything committed by the one before it on those
 * accounts, and two plans for one account never take the same slot or overshoot its cap. Only the accounts are locked,
 * never the workspace: plans for other accounts run side by side.
 */
@ApplicationScoped
public class AccountCalendars {

    @PersistenceContext
    EntityManager em;

    /**
     * The active accounts of the platforms plus the {@code named} accounts (any connected status: the caller chose
     * them), with their taken instants in [{@code from}, {@code to}], in id order.
     */
    public List<AccountSchedule> of(UUID workspaceId, Collection<String> platforms, Collection<UUID> named, Instant from,
                                    Instant to, boolean lock) {
        return of(workspaceId, platforms, named, from, to, lock, List.of());
    }

    /** As {@link #of(UUID, Collection, Collection, Instant, Instant, boolean)}, leaving out the targets of {@code exceptPosts}. */
    public List<AccountSchedule> of(UUID workspaceId, Collection<String> platforms, Collection<UUID> named, Instant from,
                                    Instant to, boolean lock, Collection<UUID> exceptPosts) {
        if (platforms.isEmpty()) {
            return List.of();
        }
        var query = em.createQuery("select a from ConnectedAccount a where a.workspaceId = :workspace and a.platform in :platforms"
                        + " and a.status <> :disconnected order by a.id", ConnectedAccount.class)
                .setParameter("workspace", workspaceId).setParameter("platforms", platforms)
                .setParameter("disconnected", AccountStatus.DISCONNECTED);
        if (lock) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        List<ConnectedAccount> accounts = query.getResultList().stream()
                .filter(a -> a.getStatus() == AccountStatus.ACTIVE || named.contains(a.getId())).toList();
        if (accounts.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Instant>> taken = new HashMap<>();
        var instants = em.createQuery("select t.accountId, t.scheduledAt from PostTarget t where t.accountId in :accounts"
                        + " and t.scheduledAt >= :from and t.scheduledAt <= :to and t.status <> :failed and t.status <> :cancelled"
                        + (exceptPosts.isEmpty() ? "" : " and t.post.id not in :except"), Object[].class)
                .setParameter("accounts", accounts.stream().map(ConnectedAccount::getId).toList())
                .setParameter("from", from).setParameter("to", to)
                .setParameter("failed", TargetStatus.FAILED)
                .setParameter("cancelled", TargetStatus.CANCELLED);
        if (!exceptPosts.isEmpty()) {
            instants.setParameter("except", exceptPosts);
        }
        instants.getResultStream()
                .forEach(row -> taken.computeIfAbsent((UUID) row[0], id -> new ArrayList<>()).add((Instant) row[1]));
        List<AccountSchedule> schedules = new ArrayList<>();
        for (ConnectedAccount a : accounts) {
            // The account's own daily cap when it has one; null: the platform's (the registry's daily-cap).
            schedules.add(new AccountSchedule(a.getId(), a.getPlatform(), a.isDefaultAccount(), a.getDailyCap(),
                    taken.getOrDefault(a.getId(), List.of())));
        }
        return schedules;
    }
}

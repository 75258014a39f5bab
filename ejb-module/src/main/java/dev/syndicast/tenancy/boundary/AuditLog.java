package dev.syndicast.tenancy.boundary;

import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.entity.AuditEntry;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The workspace's audit log: written once per API write (by the REST layer's one filter), read with filters. */
@Stateless
public class AuditLog {

    public static final int MAX_LIMIT = 200;

    public record Filter(String action, UUID actorId, String actorKind, String target, Instant from, Instant to) {
    }

    public record Page(List<AuditEntry> entries, long total) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** Its own transaction: the write it records has already committed, and a failed write is recorded too. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(Caller caller, String action, String target, int status, String summary, String requestId) {
        em.persist(new AuditEntry(caller.workspaceId(),
                caller.isSession() ? AuditEntry.ActorKind.USER : AuditEntry.ActorKind.KEY,
                caller.actorId(), caller.actorName(), action, target, status, summary, requestId, clock.instant()));
    }

    public Page search(Caller caller, Filter filter, PageRequest page) {
        CriteriaBuilder cb = em.getCriteriaBuilder();

        CriteriaQuery<AuditEntry> select = cb.createQuery(AuditEntry.class);
        Root<AuditEntry> root = select.from(AuditEntry.class);
        select.where(conditions(cb, root, caller, filter)).orderBy(cb.desc(root.get("createdAt")), cb.desc(root.get("id")));
        List<AuditEntry> entries = em.createQuery(select)
                .setFirstResult(page.firstResult()).setMaxResults(page.limit()).getResultList();

        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<AuditEntry> countRoot = count.from(AuditEntry.class);
        count.select(cb.count(countRoot)).where(conditions(cb, countRoot, caller, filter));
        return new Page(entries, em.createQuery(count).getSingleResult());
    }

    /** Always the caller's workspace first: another tenant's entries cannot match any filter. */
    private static Predicate[] conditions(CriteriaBuilder cb, Root<AuditEntry> root, Caller caller, Filter filter) {
        List<Predicate> where = new ArrayList<>();
        where.add(cb.equal(root.get("workspaceId"), caller.workspaceId()));
        if (filter.action() != null) {
            where.add(cb.like(root.get("action"), filter.action().replace("%", "\\%").replace("_", "\\_") + "%", '\\'));
        }
        if (filter.actorId() != null) {
            where.add(cb.equal(root.get("actorId"), filter.actorId()));
        }
        if (filter.actorKind() != null) {
            where.add(cb.equal(root.get("actorKind"), AuditEntry.ActorKind.valueOf(filter.actorKind())));
        }
        if (filter.target() != null) {
            where.add(cb.equal(root.get("target"), filter.target()));
        }
        if (filter.from() != null) {
            where.add(cb.greaterThanOrEqualTo(root.get("createdAt"), filter.from()));
        }
        if (filter.to() != null) {
            where.add(cb.lessThan(root.get("createdAt"), filter.to()));
        }
        return where.toArray(Predicate[]::new);
    }
}

package dev.syndicast.posts.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Replies of creating requests sent with an {@code Idempotency-Key} (external API v1), kept for a day. A key is reserved
 * before the request runs (so two concurrent repeats cannot both create), completed with the reply, or released when
 * the request failed so the caller can try again.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class IdempotencyKeys {

    /** How long a reply is kept for repeats. */
    public static final Duration RETENTION = Duration.ofHours(24);
    /** Status of a reservation whose request is still running. */
    public static final int IN_PROGRESS = 0;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public record Stored(String route, String requestHash, int status, String body, String location) {
    }

    /** @return empty when this call reserved the key (go ahead), else what the key already holds */
    public Optional<Stored> reserve(UUID workspaceId, String key, String route, String requestHash) {
        em.createNativeQuery("delete from idempotency_keys where workspace_id = ?1 and key = ?2 and created_at < ?3")
                .setParameter(1, workspaceId).setParameter(2, key).setParameter(3, clock.instant().minus(RETENTION)).executeUpdate();
        int inserted = em.createNativeQuery("""
                        insert into idempotency_keys (workspace_id, key, route, request_hash, status, body, created_at)
                        values (?1, ?2, ?3, ?4, 0, '', ?5) on conflict do nothing""")
                .setParameter(1, workspaceId).setParameter(2, key).setParameter(3, route).setParameter(4, requestHash)
                .setParameter(5, clock.instant()).executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select route, request_hash, status, body, location from idempotency_keys"
                        + " where workspace_id = ?1 and key = ?2")
                .setParameter(1, workspaceId).setParameter(2, key).getResultList();
        Object[] row = rows.get(0);
        return Optional.of(new Stored((String) row[0], (String) row[1], ((Number) row[2]).intValue(), (String) row[3], (String) row[4]));
    }

    public void complete(UUID workspaceId, String key, int status, String body, String location) {
        em.createNativeQuery("update idempotency_keys set status = ?3, body = ?4, location = ?5 where workspace_id = ?1 and key = ?2")
                .setParameter(1, workspaceId).setParameter(2, key).setParameter(3, status).setParameter(4, body)
                .setParameter(5, location).executeUpdate();
    }

    public void release(UUID workspaceId, String key) {
        em.createNativeQuery("delete from idempotency_keys where workspace_id = ?1 and key = ?2")
                .setParameter(1, workspaceId).setParameter(2, key).executeUpdate();
    }
}

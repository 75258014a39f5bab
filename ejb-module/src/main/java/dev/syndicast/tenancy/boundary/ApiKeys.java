package dev.syndicast.tenancy.boundary;

import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.control.KeyGenerator;
import dev.syndicast.tenancy.entity.ApiKey;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Authenticates raw API keys. */
@Stateless
public class ApiKeys {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** @return the caller, or empty for an unknown, revoked or expired key (the reply never says which) */
    public Optional<Caller> authenticate(String rawKey) {
        if (rawKey == null || rawKey.isBlank() || rawKey.length() > 200) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return em.createNamedQuery(ApiKey.FIND_BY_HASH, ApiKey.class)
                .setParameter("hash", KeyGenerator.hash(rawKey))
                .getResultStream()
                .findFirst()
                .filter(key -> key.isUsable(now))
                .map(key -> {
                    key.markUsed(now);
                    return new Caller(key.getId(), key.getName(), key.getWorkspace().getId(),
                            key.getWorkspace().getSlug(), key.scopeSet());
                });
    }
}

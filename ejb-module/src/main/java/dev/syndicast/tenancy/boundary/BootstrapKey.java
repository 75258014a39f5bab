package dev.syndicast.tenancy.boundary;

import dev.syndicast.tenancy.control.FirstKeyHandover;
import dev.syndicast.tenancy.control.KeyGenerator;
import dev.syndicast.tenancy.entity.ApiKey;
import dev.syndicast.tenancy.entity.Workspace;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Makes a fresh installation usable: creates the default workspace and its first admin key. An operator
 * fixes that key with {@code SYNDICAST_BOOTSTRAP_KEY}; without it a key is generated and handed over once,
 * on the first start only (afterwards only its hash exists): into {@code SYNDICAST_BOOTSTRAP_KEY_FILE} when set
 * (the run script shows it and deletes the file), otherwise printed to the console.
 */
@Singleton
@Startup
@DependsOn("Migrations")
public class BootstrapKey {

    static final String KEY_NAME = "bootstrap";
    private static final Logger LOG = Logger.getLogger(BootstrapKey.class.getName());
    /** Serialises first start across instances sharing the database. */
    private static final long ADVISORY_LOCK = 0x5359_4E44_4B45_59L;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "syndicast.bootstrap-key")
    Optional<String> configuredKey;

    /** Where a generated key is handed over (see {@link FirstKeyHandover}); unset: printed to the console. */
    @Inject
    @ConfigProperty(name = "syndicast.bootstrap-key-file")
    Optional<String> keyFile;

    @PostConstruct
    void ensureFirstKey() {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, ADVISORY_LOCK).getSingleResult();
        Instant now = clock.instant();
        Workspace workspace = em.createNamedQuery(Workspace.FIND_BY_SLUG, Workspace.class)
                .setParameter("slug", Workspace.DEFAULT_SLUG)
                .getResultStream().findFirst()
                .orElseGet(() -> {
                    Workspace created = new Workspace(Workspace.DEFAULT_SLUG, "Default workspace", now);
                    em.persist(created);
                    return created;
                });

        Optional<String> fixed = configuredKey.filter(key -> !key.isBlank()).map(String::strip);
        if (fixed.isPresent()) {
            String raw = fixed.get();
            if (!KeyGenerator.isWellFormed(raw)) {
                throw new IllegalStateException("SYNDICAST_BOOTSTRAP_KEY must start with '" + KeyGenerator.PREFIX
                        + "' and be at least 24 printable characters");
            }
            boolean known = !em.createNamedQuery(ApiKey.FIND_BY_HASH, ApiKey.class)
                    .setParameter("hash", KeyGenerator.hash(raw)).getResultList().isEmpty();
            if (!known) {
                store(workspace, raw, now);
                LOG.info("event=bootstrap_key_installed source=SYNDICAST_BOOTSTRAP_KEY workspace=" + workspace.getSlug());
            }
            return;
        }
        long keys = em.createNamedQuery(ApiKey.COUNT_ALL, Long.class).getSingleResult();
        if (keys == 0) {
            String raw = KeyGenerator.newKey();
            store(workspace, raw, now);
            new FirstKeyHandover(keyFile.filter(file -> !file.isBlank()).map(file -> Path.of(file.strip())), System.out)
                    .handOver(raw);
        }
    }

    private void store(Workspace workspace, String raw, Instant now) {
        em.persist(new ApiKey(workspace, KEY_NAME, KeyGenerator.displayPrefix(raw), KeyGenerator.hash(raw),
                Set.of(ApiKey.ALL_SCOPES), null, now));
    }
}

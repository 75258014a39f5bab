package dev.syndicast.media.boundary;

import dev.syndicast.media.control.MediaComponents;
import dev.syndicast.media.entity.MediaItem;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Clears what a crash left half-done: staging files older than the grace period, and in-request transfers
 * (no background task to retry them) that stopped moving, which are marked FAILED. Background imports are
 * left to the task machinery, which retries them. Runs at start-up.
 */
@Singleton
@Startup
@DependsOn("Migrations")
public class MediaJanitor {

    private static final Logger LOG = Logger.getLogger(MediaJanitor.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    MediaComponents components;

    @Inject
    @ConfigProperty(name = "syndicast.media.staging.grace", defaultValue = "PT1H")
    Duration grace;

    @PostConstruct
    void sweep() {
        Instant cutoff = clock.instant().minus(grace);
        List<MediaItem> stale = em.createNamedQuery(MediaItem.FIND_STALE_TRANSFERS, MediaItem.class)
                .setParameter("cutoff", cutoff)
                .getResultList();
        stale.forEach(item -> item.fail("Interrupted: the server stopped during the transfer", clock.instant()));
        int files = 0;
        try (DirectoryStream<Path> staging = Files.newDirectoryStream(components.stagingDirectory())) {
            for (Path file : staging) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                    files++;
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "event=media_staging_sweep_failed", e);
        }
        int deleted = files;
        LOG.info(() -> "event=media_janitor failed_transfers=" + stale.size() + " staging_files_deleted=" + deleted);
    }
}

package dev.syndicast.publishing.control;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.media.boundary.ImportWithdrawals;
import dev.syndicast.media.boundary.MediaImports;
import dev.syndicast.media.control.MediaOutcome;
import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.media.entity.MediaRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Imports through the media library. The download happens during the request, so a URL that cannot be fetched is
 * the external scheduling API's 400 "Failed to download video"; hosts listed in
 * {@code syndicast.publishing.intake.background-hosts} (slow storage, or hosts not reachable from here yet) are
 * imported by a background task instead and the post waits for its media (see {@code GET /schedule/missing-content}).
 */
@ApplicationScoped
public class LibraryMediaIntake implements MediaIntake {

    @Inject
    MediaImports imports;

    @Inject
    ImportWithdrawals withdrawals;

    @Inject
    @ConfigProperty(name = "syndicast.publishing.intake.background-hosts", defaultValue = " ")
    String backgroundHosts;

    @Override
    public MediaRef register(UUID workspaceId, URI url) {
        boolean background = backgroundHostList().contains(url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT));
        try {
            MediaOutcome outcome = imports.importFromUrl(workspaceId,
                    new MediaImports.ImportRequest(url.toString(), MediaItem.Metadata.NONE, background));
            MediaItem item = outcome.item();
            return new MediaRef(item.getId(), url.toString(), item.getMimeType(), item.isReady(),
                    outcome.disposition() != MediaOutcome.Disposition.EXISTING);
        } catch (MediaRejectedException e) {
            throw new InvalidInputException("Failed to download video: " + e.getMessage());
        }
    }

    @Override
    public void withdraw(UUID workspaceId, MediaRef media) {
        if (media.fresh()) {
            withdrawals.withdraw(workspaceId, media.mediaId());
        }
    }

    private List<String> backgroundHostList() {
        return Arrays.stream(backgroundHosts.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
    }
}

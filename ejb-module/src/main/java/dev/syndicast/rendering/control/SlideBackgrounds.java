package dev.syndicast.rendering.control;

import dev.syndicast.core.entity.DomainException;
import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.media.boundary.MediaContent;
import dev.syndicast.media.boundary.MediaLibrary;
import dev.syndicast.media.entity.MediaItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The asset sourcing of the offline pipeline: images of the workspace's media library whose tags match the
 * prompt's keywords become slide backgrounds (copied into the render's directory, so a resumed render finds them
 * there). With no match the slides keep the style's gradient.
 */
@ApplicationScoped
public class SlideBackgrounds {

    static final int MAX_IMAGES = 8;
    private static final Logger LOG = Logger.getLogger(SlideBackgrounds.class.getName());

    @Inject
    MediaLibrary library;

    public List<Path> collect(UUID workspaceId, List<String> keywords, Path into) {
        Set<UUID> seen = new LinkedHashSet<>();
        List<Path> images = new ArrayList<>();
        for (String keyword : keywords) {
            if (images.size() >= MAX_IMAGES) {
                break;
            }
            List<MediaItem> tagged = library.list(workspaceId, null, keyword.toLowerCase(Locale.ROOT), "ready", "image", new PageRequest(1, MAX_IMAGES)).items();
            for (MediaItem item : tagged) {
                if (images.size() < MAX_IMAGES && seen.add(item.getId())) {
                    copy(workspaceId, item, into.resolve(String.format("background-%02d", images.size()))).ifPresent(images::add);
                }
            }
        }
        LOG.fine(() -> "event=slide_backgrounds workspace=" + workspaceId + " keywords=" + keywords + " images=" + images.size());
        return images;
    }

    private java.util.Optional<Path> copy(UUID workspaceId, MediaItem item, Path target) {
        try {
            MediaContent content = library.content(workspaceId, item.getId());
            Files.createDirectories(target.getParent());
            try (SeekableByteChannel channel = content.opener().open(); InputStream in = Channels.newInputStream(channel)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return java.util.Optional.of(target);
        } catch (DomainException gone) {
            // Deleted or no longer ready since the listing: the slide does without it.
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy media item " + item.getId() + " for the slides", e);
        }
    }
}

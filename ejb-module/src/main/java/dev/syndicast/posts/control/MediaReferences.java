package dev.syndicast.posts.control;

import dev.syndicast.media.boundary.MediaLibrary;
import dev.syndicast.posts.entity.ContentRuleException.Violation;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A post's media may name the media library only inside the post's own workspace: a {@code media_id}, a
 * {@code storage_path} given as the URL (the external API v1's way: {@code library/<workspace>/<sha256>.<ext>}), or a URL of
 * this API's media-library routes ({@code .../media-library/{id}[/download|/thumbnail]}, relative or absolute). Such
 * a reference to another workspace, or to nothing, is refused when the post is created or edited, never found out at
 * publish time. Any other URL is a file elsewhere and is left to the platform.
 */
@ApplicationScoped
public class MediaReferences {

    private static final Pattern STORAGE_PATH = Pattern.compile("^/?(library/.*)$");
    private static final Pattern LIBRARY_ROUTE = Pattern.compile(
            "^.*/api/external/v1/media-library/([^/?#]+)(?:/(?:download|thumbnail))?/?$");

    @EJB
    MediaLibrary library;

    /** Whether the workspace has a media item by id or a ready item at a storage path. */
    public interface Lookup {
        boolean hasItem(UUID id);

        boolean hasStoragePath(String storagePath);
    }

    public Lookup lookup(UUID workspaceId) {
        return new Lookup() {
            @Override
            public boolean hasItem(UUID id) {
                return library.lookup(workspaceId, id).isPresent();
            }

            @Override
            public boolean hasStoragePath(String storagePath) {
                return library.findReadyByStoragePath(workspaceId, storagePath).isPresent();
            }
        };
    }

    /** One lookup per reference per call: an import names the same few items thousands of times. */
    public Lookup remembering(UUID workspaceId) {
        Lookup direct = lookup(workspaceId);
        Map<UUID, Boolean> items = new HashMap<>();
        Map<String, Boolean> paths = new HashMap<>();
        return new Lookup() {
            @Override
            public boolean hasItem(UUID id) {
                return items.computeIfAbsent(id, direct::hasItem);
            }

            @Override
            public boolean hasStoragePath(String storagePath) {
                return paths.computeIfAbsent(storagePath, direct::hasStoragePath);
            }
        };
    }

    /** One violation per media entry that names what the workspace does not have; empty when all is well. */
    public static List<Violation> check(List<PostMedia> media, Lookup workspace) {
        List<Violation> found = new ArrayList<>();
        if (media == null) {
            return found;
        }
        for (int i = 0; i < media.size(); i++) {
            PostMedia m = media.get(i);
            String field = "media[" + i + "]";
            if (m.mediaId() != null && !m.mediaId().isBlank()) {
                Optional<UUID> id = uuid(m.mediaId());
                if (id.isEmpty() || !workspace.hasItem(id.get())) {
                    found.add(new Violation(field + ".media_id", "media_id names no item of this workspace's media library"));
                }
            }
            if (m.url() != null && !m.url().isBlank()) {
                libraryReference(m.url().strip()).ifPresent(reference -> {
                    if (!reference.resolvesIn(workspace)) {
                        found.add(new Violation(field + ".url", "url names no ready item of this workspace's media library"
                                + " (use the storage_path or media_url of one of its items)"));
                    }
                });
            }
        }
        return found;
    }

    /**
     * The library item a URL names in the workspace (its storage path, or a URL of its media-library route), if it
     * names one: a post that references library media by URL (the bulk and CSV {@code media_url}) carries the item's
     * id too, so uploading connectors get the file and validation gets its probed type and duration.
     */
    public Optional<UUID> itemOf(UUID workspaceId, String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return libraryReference(url.strip()).flatMap(reference -> reference.storagePath() != null
                ? library.findReadyByStoragePath(workspaceId, reference.storagePath()).map(item -> item.getId())
                : library.lookup(workspaceId, reference.itemId()).map(item -> item.getId()));
    }

    /** What a URL names in the media library, if it names the library at all. */
    static Optional<LibraryReference> libraryReference(String url) {
        Matcher storage = STORAGE_PATH.matcher(url);
        if (storage.matches()) {
            return Optional.of(new LibraryReference(storage.group(1), null));
        }
        String path;
        try {
            path = new URI(url).getPath();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (path == null) {
            return Optional.empty();
        }
        Matcher route = LIBRARY_ROUTE.matcher(path);
        if (route.matches()) {
            // An id that is no UUID names no item: a reference that resolves nowhere.
            return Optional.of(new LibraryReference(null, uuid(route.group(1)).orElse(new UUID(0, 0))));
        }
        return Optional.empty();
    }

    /** A storage path or an item id the media library must hold for the post's workspace. */
    record LibraryReference(String storagePath, UUID itemId) {
        boolean resolvesIn(Lookup workspace) {
            return storagePath != null ? workspace.hasStoragePath(storagePath) : workspace.hasItem(itemId);
        }
    }

    private static Optional<UUID> uuid(String value) {
        try {
            String v = value.strip();
            return v.length() == 36 ? Optional.of(UUID.fromString(v)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

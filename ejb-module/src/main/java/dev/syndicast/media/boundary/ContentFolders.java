package dev.syndicast.media.boundary;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.media.entity.ContentFolder;
import dev.syndicast.media.entity.FolderPath;
import dev.syndicast.media.entity.FolderScope;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Explicit folders of posts or media ({@code /api/external/v1/content-folders}), per workspace. */
@Stateless
public class ContentFolders {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** A folder and whether this call created it (creating an existing folder returns it unchanged). */
    public record Created(ContentFolder folder, boolean created) {
    }

    public List<ContentFolder> list(UUID workspaceId, FolderScope scope) {
        return em.createNamedQuery(ContentFolder.LIST_IN_SCOPE, ContentFolder.class)
                .setParameter("workspace", workspaceId)
                .setParameter("scope", scope)
                .getResultList();
    }

    /** Either {@code folderPath}, or {@code name} under an optional {@code parentPath}. */
    public Created create(UUID workspaceId, FolderScope scope, String name, String parentPath, String folderPath) {
        String path;
        if (folderPath != null && !folderPath.isBlank()) {
            if (name != null && !name.isBlank()) {
                throw new InvalidInputException("Give either folder_path, or name with an optional parent_path, not both");
            }
            path = FolderPath.normalize(folderPath);
        } else if (name != null && !name.isBlank()) {
            path = FolderPath.join(parentPath, name);
        } else {
            throw new InvalidInputException("Give folder_path, or name with an optional parent_path");
        }
        // Serialises concurrent creations of the same folder in this workspace; the unique key is the backstop.
        em.createNativeQuery("select cast(pg_advisory_xact_lock(hashtext(?1)) as text)")
                .setParameter(1, workspaceId + "/" + scope + "/" + path)
                .getSingleResult();
        List<ContentFolder> existing = em.createNamedQuery(ContentFolder.FIND_BY_PATH, ContentFolder.class)
                .setParameter("workspace", workspaceId)
                .setParameter("scope", scope)
                .setParameter("path", path)
                .getResultList();
        if (!existing.isEmpty()) {
            return new Created(existing.get(0), false);
        }
        ContentFolder folder = new ContentFolder(workspaceId, scope, path, clock.instant());
        em.persist(folder);
        return new Created(folder, true);
    }
}

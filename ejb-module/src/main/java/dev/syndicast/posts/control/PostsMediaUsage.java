package dev.syndicast.posts.control;

import dev.syndicast.media.control.MediaUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Media a post is still going to publish must stay (issue 5: no delete while a scheduled post uses it): a post
 * that is scheduled or publishing and names the item, by id or by storage path, blocks the delete.
 */
@ApplicationScoped
public class PostsMediaUsage implements MediaUsage {

    @PersistenceContext
    EntityManager em;

    @Override
    public Optional<String> blockingUse(UUID workspaceId, UUID itemId, String storagePath) {
        @SuppressWarnings("unchecked")
        List<UUID> posts = em.createNativeQuery("""
                        select id from posts
                         where workspace_id = ?1 and status in ('scheduled', 'publishing')
                           and (media like ?2 or media like ?3)
                         limit 3""", UUID.class)
                .setParameter(1, workspaceId)
                .setParameter(2, "%" + itemId + "%")
                .setParameter(3, "%" + (storagePath == null ? itemId.toString() : storagePath) + "%")
                .getResultList();
        return posts.isEmpty() ? Optional.empty()
                : Optional.of("Scheduled posts still use this media: " + posts.stream().map(UUID::toString).toList());
    }
}

package dev.syndicast.posts.boundary;

import dev.syndicast.core.entity.DomainException;
import dev.syndicast.posts.control.PostDraft;
import dev.syndicast.posts.entity.Post;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Seed 002's synchronous bulk create: each post in a transaction of its own, so one refused post costs only itself
 * and the answer says, per index, which were created.
 */
@Stateless
public class BulkPosts {

    public static final int MAX_POSTS = 50;

    @EJB
    Posts posts;

    @Resource
    SessionContext context;

    /** One post's outcome: its id, or why it was refused. */
    public record Outcome(int index, UUID id, String error) {
        public boolean success() {
            return id != null;
        }
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<Outcome> create(UUID workspaceId, String createdBy, List<PostDraft> drafts) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            try {
                outcomes.add(new Outcome(i, context.getBusinessObject(BulkPosts.class).createOne(workspaceId, createdBy, drafts.get(i)), null));
            } catch (DomainException refused) {
                outcomes.add(new Outcome(i, null, refused.getMessage()));
            }
        }
        return outcomes;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public UUID createOne(UUID workspaceId, String createdBy, PostDraft draft) {
        Post post = posts.create(workspaceId, createdBy, draft);
        return post.getId();
    }
}

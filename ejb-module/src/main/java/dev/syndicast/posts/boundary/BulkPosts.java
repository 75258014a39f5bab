package dev.syndicast.posts.boundary;

import dev.syndicast.core.entity.DomainException;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.platforms.control.PlatformRegistry;
import dev.syndicast.posts.control.PostDraft;
import dev.syndicast.posts.control.PostRow;
import dev.syndicast.posts.control.PostRowParser;
import dev.syndicast.posts.entity.Post;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The synchronous bulk create of the external API v1: up to {@value #MAX_POSTS} posts read like rows of the CSV
 * import (the same fields and checks), each created in a transaction of its own, so one refused post costs only
 * itself and the answer says, per index, which were created.
 */
@Stateless
public class BulkPosts {

    public static final int MAX_POSTS = 50;

    @EJB
    Posts posts;

    @Inject
    PlatformRegistry platforms;

    @Inject
    Clock clock;

    @Resource
    SessionContext context;

    /** One post's outcome: its id, or why it was refused. */
    public record Outcome(int index, UUID id, String error) {
        public boolean success() {
            return id != null;
        }
    }

    /**
     * Reads every row first, then creates the valid ones in order.
     *
     * @return an outcome per row, in the rows' order
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<Outcome> create(UUID workspaceId, String createdBy, List<PostRow> rows) {
        if (rows.size() > MAX_POSTS) {
            throw new InvalidInputException("Maximum " + MAX_POSTS + " posts per bulk request");
        }
        PostRowParser parser = new PostRowParser(platforms, clock);
        List<PostRowParser.Parsed> parsed = rows.stream().map(parser::parse).toList();
        BulkPosts self = context.getBusinessObject(BulkPosts.class);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            PostRowParser.Parsed row = parsed.get(i);
            if (!row.ok()) {
                outcomes.add(new Outcome(i, null, row.error().message()));
                continue;
            }
            try {
                outcomes.add(new Outcome(i, self.createOne(workspaceId, createdBy, row.draft()), null));
            } catch (DomainException refused) {
                outcomes.add(new Outcome(i, null, refused.getMessage()));
            }
        }
        return outcomes;
    }

    /** One post in a transaction of its own; public only so {@link #create} can call it through the container. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public UUID createOne(UUID workspaceId, String createdBy, PostDraft draft) {
        Post post = posts.create(workspaceId, createdBy, draft);
        return post.getId();
    }
}

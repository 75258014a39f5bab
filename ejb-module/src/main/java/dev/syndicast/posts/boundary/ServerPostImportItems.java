package dev.syndicast.posts.boundary;

import dev.syndicast.batch.control.ServerJobItems;
import dev.syndicast.batch.entity.ItemOutcome;
import dev.syndicast.posts.control.PostImport;
import dev.syndicast.posts.control.PostImportItems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@link PostImportItems} on the server: {@link Posts#createAll} and the batch results table, in the chunk's transaction. */
@ApplicationScoped
public class ServerPostImportItems implements PostImportItems {

    @Inject
    Posts posts;

    @Inject
    ServerJobItems results;

    @Override
    public List<ItemOutcome> importPosts(long jobInstanceId, String jobName, UUID workspaceId, List<PostImport> chunk, boolean dryRun,
                                         boolean restart) {
        Map<Long, ItemOutcome> done = restart ? results.doneAmong(jobInstanceId, chunk.stream().map(PostImport::row).toList()) : Map.of();
        List<PostImport> todo = chunk.stream().filter(row -> !done.containsKey(row.row())).toList();
        List<Posts.Drafted> drafted = posts.createAll(workspaceId, "batch:" + jobName + ":" + jobInstanceId,
                todo.stream().map(PostImport::draft).toList(), dryRun);
        Map<Long, ItemOutcome> outcomes = new HashMap<>(done);
        List<ServerJobItems.Item> recorded = new ArrayList<>(todo.size());
        for (int i = 0; i < todo.size(); i++) {
            Posts.Drafted post = drafted.get(i);
            ItemOutcome outcome = !post.ok() ? ItemOutcome.failed(post.error())
                    : dryRun ? ItemOutcome.done(null, "valid (dry run: nothing written)")
                    : ItemOutcome.done(post.post().getId().toString(), post.post().getStatus().wire());
            PostImport row = todo.get(i);
            outcomes.put(row.row(), outcome);
            recorded.add(new ServerJobItems.Item(row.row(), row.summary(), outcome));
        }
        results.recordAll(jobInstanceId, jobName, workspaceId, recorded);
        return chunk.stream().map(row -> outcomes.get(row.row())).toList();
    }
}

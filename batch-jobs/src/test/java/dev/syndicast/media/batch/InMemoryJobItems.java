package dev.syndicast.media.batch;

import dev.syndicast.batch.control.JobItems;
import dev.syndicast.batch.entity.ItemOutcome;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the media library and the results table in JBeret SE: URLs containing "refused" are refused like
 * a forbidden address, and a switch crashes the n-th import to exercise restart.
 */
@ApplicationScoped
public class InMemoryJobItems implements JobItems {

    record Imported(UUID workspace, String url, String folderPath, List<String> tags) {
    }

    private final List<Imported> imports = new CopyOnWriteArrayList<>();
    private final Map<Long, ItemOutcome> results = new ConcurrentHashMap<>();
    private volatile int crashOnImport = -1;

    void reset() {
        imports.clear();
        results.clear();
        crashOnImport = -1;
    }

    void crashOnImport(int n) {
        crashOnImport = n;
    }

    List<Imported> imports() {
        return List.copyOf(imports);
    }

    Map<Long, ItemOutcome> results() {
        return Map.copyOf(results);
    }

    @Override
    public ItemOutcome importMedia(UUID workspaceId, String url, String folderPath, List<String> tags) {
        if (imports.size() + 1 == crashOnImport) {
            crashOnImport = -1;
            throw new IllegalStateException("simulated crash while importing " + url);
        }
        if (url.contains("refused")) {
            return ItemOutcome.failed("Refusing to fetch " + url + ": it resolves to a non-public address");
        }
        imports.add(new Imported(workspaceId, url, folderPath, tags));
        return ItemOutcome.done(UUID.nameUUIDFromBytes(url.getBytes()).toString(), "imported");
    }

    @Override
    public void record(long jobInstanceId, String jobName, UUID workspaceId, long itemNumber, String item, ItemOutcome outcome) {
        results.put(itemNumber, outcome);
    }
}

package dev.syndicast.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every post the sandbox created, in arrival order, with the idempotency key it came with and when the request
 * arrived. It does not deduplicate by key on purpose: like most real platforms it creates what it is sent, so the
 * ledger shows a duplicate publish as two entries.
 */
public final class Ledger {

    public record Entry(String id, String idempotencyKey, String account, String platform, String text, long receivedAtMillis,
                        long createdAtMillis, int bodyBytes, boolean deleted) {

        Entry asDeleted() {
            return new Entry(id, idempotencyKey, account, platform, text, receivedAtMillis, createdAtMillis, bodyBytes, true);
        }
    }

    private final AtomicLong sequence = new AtomicLong();
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, List<Entry>> byKey = new ConcurrentHashMap<>();

    public synchronized Entry record(String idempotencyKey, String account, String platform, String text, long receivedAtMillis,
                                     int bodyBytes) {
        Entry entry = new Entry("sbx_" + sequence.incrementAndGet(), idempotencyKey, account, platform, text, receivedAtMillis,
                System.currentTimeMillis(), bodyBytes, false);
        entries.add(entry);
        if (idempotencyKey != null) {
            byKey.computeIfAbsent(idempotencyKey, k -> new ArrayList<>()).add(entry);
        }
        return entry;
    }

    public synchronized List<Entry> findByKey(String idempotencyKey) {
        return List.copyOf(byKey.getOrDefault(idempotencyKey, List.of()).stream().filter(e -> !e.deleted()).toList());
    }

    public synchronized boolean delete(String id) {
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.id().equals(id) && !e.deleted()) {
                Entry deleted = e.asDeleted();
                entries.set(i, deleted);
                List<Entry> sameKey = byKey.get(e.idempotencyKey());
                if (sameKey != null) {
                    sameKey.replaceAll(x -> x.id().equals(id) ? deleted : x);
                }
                return true;
            }
        }
        return false;
    }

    public synchronized List<Entry> all() {
        return List.copyOf(entries);
    }

    /** Keys that arrived more than once: each is a post published twice. */
    public synchronized long duplicateKeys() {
        return byKey.values().stream().filter(list -> list.size() > 1).count();
    }

    public synchronized void clear() {
        entries.clear();
        byKey.clear();
    }
}

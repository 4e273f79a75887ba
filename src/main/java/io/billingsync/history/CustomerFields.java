package io.billingsync.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.billingsync.history.HistoryFile.Maps;
import io.billingsync.profile.CustomerKey;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Per customer and field path, the change that last set the field, in the store's {@code fields} map: one entry per
 * customer ({@link CustomerEntries}), read and replaced whole.
 */
final class CustomerFields {
    private static final int ENTRY_LOCKS = 64;

    private final HistoryFile file;
    private final CustomerEntries entries = new CustomerEntries();
    /**
     * One read-modify-write of a customer's entry at a time (a resumed file remembers again from its reading thread
     * while its lanes remember the changes they settle, possibly of the same customer); one lock per group of
     * customers, so lanes settling other customers seldom wait.
     */
    private final Object[] entryLocks = Stream.generate(Object::new).limit(ENTRY_LOCKS).toArray();

    CustomerFields(HistoryFile file) {
        this.file = file;
    }

    /** Per field path, the change that last set it, for one customer. */
    Map<String, FieldWriter> of(String customerId) {
        String key = CustomerKey.of(customerId);
        String stored = file.maps().fields().get(key);
        if (stored == null) {
            return new TreeMap<>();
        }
        try {
            return entries.read(key, stored);
        } catch (JsonProcessingException e) {
            throw new HistoryUnusableException(file.path() + ": the entry of customer " + customerId + " cannot be read", e);
        }
    }

    /**
     * The fields a change set, their writers replaced (with whatever they contain); with {@code unlessNewer}, each
     * only where no newer change is remembered as its writer.
     */
    void set(String customerId, Map<String, FieldWriter> set, boolean unlessNewer) throws JsonProcessingException {
        if (set.isEmpty()) {
            return;
        }
        Maps store = file.maps();
        String key = CustomerKey.of(customerId);
        synchronized (entryLocks[Math.floorMod(key.hashCode(), ENTRY_LOCKS)]) {
            Map<String, FieldWriter> current = of(customerId);
            for (Map.Entry<String, FieldWriter> entry : set.entrySet()) {
                FieldWriter writer = entry.getValue();
                if (unlessNewer && current.entrySet().stream().anyMatch(w -> FieldPaths.overlap(entry.getKey(), w.getKey())
                        && (w.getValue().sequence() == writer.sequence() || w.getValue().newerThan(writer.sequence(),
                        writer.changedAt() == null ? null : Instant.parse(writer.changedAt()))))) {
                    continue;
                }
                current.keySet().removeIf(p -> p.startsWith(entry.getKey() + "."));
                current.put(entry.getKey(), writer);
            }
            store.fields().put(key, entries.write(key, current));
        }
    }

    /** Forgets one field path and the paths inside it, or with {@code path} null the customer's whole entry. */
    Map<String, FieldWriter> forget(String customerId, String path) throws JsonProcessingException {
        Maps store = file.maps();
        String key = CustomerKey.of(customerId);
        synchronized (entryLocks[Math.floorMod(key.hashCode(), ENTRY_LOCKS)]) {
            Map<String, FieldWriter> current = of(customerId);
            Map<String, FieldWriter> forgotten = new TreeMap<>(current);
            if (path != null) {
                forgotten.keySet().removeIf(p -> !p.equals(path) && !p.startsWith(path + "."));
            }
            current.keySet().removeAll(forgotten.keySet());
            if (current.isEmpty()) {
                store.fields().remove(key);
            } else {
                store.fields().put(key, entries.write(key, current));
            }
            return forgotten;
        }
    }

    int customerCount() {
        return file.maps().fields().size();
    }
}

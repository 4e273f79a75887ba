package io.billingsync.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A customer's entry in the store as JSON text: per field path, the change that last set it. A change's entry is read
 * before its merge and again when the change is remembered, so the entries read or written last are kept parsed, each
 * with the very string the store holds: a cached entry is used only while the store still returns that same string
 * object, so it can never stand for a newer one.
 */
final class CustomerEntries {
    private static final int KEPT = 1024;
    private static final TypeReference<TreeMap<String, FieldWriter>> ENTRY = new TypeReference<>() { };
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Built once: resolving the entry's type at each read was a third of the cost of reading it. */
    private static final ObjectReader READER = JSON.readerFor(ENTRY);
    private static final ObjectWriter WRITER = JSON.writerFor(ENTRY);

    private final AtomicReferenceArray<Parsed> recent = new AtomicReferenceArray<>(KEPT);

    private record Parsed(String key, String stored, TreeMap<String, FieldWriter> writers) {
    }

    /** The writers in {@code stored} (the entry of {@code key}), as a map the caller may change. */
    TreeMap<String, FieldWriter> read(String key, String stored) throws JsonProcessingException {
        int slot = slot(key);
        Parsed parsed = recent.get(slot);
        if (parsed == null || parsed.stored() != stored || !parsed.key().equals(key)) {
            parsed = new Parsed(key, stored, READER.readValue(stored));
            recent.set(slot, parsed);
        }
        return new TreeMap<>(parsed.writers());
    }

    /** The text to store as the entry of {@code key}. */
    String write(String key, Map<String, FieldWriter> writers) throws JsonProcessingException {
        TreeMap<String, FieldWriter> kept = new TreeMap<>(writers);
        String stored = WRITER.writeValueAsString(kept);
        recent.set(slot(key), new Parsed(key, stored, kept));
        return stored;
    }

    private static int slot(String key) {
        return Math.floorMod(key.hashCode(), KEPT);
    }
}

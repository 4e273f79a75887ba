package io.billingsync.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A dry run's stand-in for the PUTs it does not send: per customer of one file, the profile the changes so far
 * would have written, so each later change is merged onto it as the real run would merge it onto the fresh read.
 * Held as compact JSON bytes, one per customer the file changes.
 */
public final class SimulatedProfiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, byte[]> written = new ConcurrentHashMap<>();

    /** What the real run would read at this point: the simulated profile, else the one just read. */
    public ObjectNode profile(String customerId, ObjectNode read) {
        byte[] simulated = written.get(CustomerKey.of(customerId));
        if (simulated == null) {
            return read;
        }
        try {
            return (ObjectNode) JSON.readTree(simulated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void wouldWrite(String customerId, ObjectNode merged) {
        try {
            written.put(CustomerKey.of(customerId), JSON.writeValueAsBytes(merged));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

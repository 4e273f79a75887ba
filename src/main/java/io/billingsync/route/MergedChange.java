package io.billingsync.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.change.ChangeWrite;
import io.billingsync.partnercenter.CurrentProfile;
import io.billingsync.profile.MergeResult;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the merge step produces: the write, the profile it was merged onto, and one merge result per change of the
 * write (each change merged onto the result of the changes before it, in input order); after a PUT, also the ETag
 * Partner Center gave the update (null when its answer carried none).
 */
public record MergedChange(ChangeWrite write, CurrentProfile current, List<MergeResult> results, String etagAfter) {
    private static final String ADDRESS = "defaultaddress";

    public MergedChange {
        results = List.copyOf(results);
    }

    /** No change of the write alters the profile: nothing to send. */
    public boolean unchanged() {
        return results.stream().allMatch(MergeResult::unchanged);
    }

    /** The profile to write: every change of the write merged in. */
    public ObjectNode merged() {
        return results.get(results.size() - 1).merged();
    }

    /** Whether some change of the write changes the address (the address checks are made for it). */
    boolean changesAddress() {
        for (int i = 0; i < results.size(); i++) {
            if (changesAddress(i)) {
                return true;
            }
        }
        return false;
    }

    /** Whether change {@code i} of the write changes the address. */
    boolean changesAddress(int i) {
        return results.get(i).changedPaths().stream().map(p -> p.toLowerCase(Locale.ROOT))
                .anyMatch(p -> p.equals(ADDRESS) || p.startsWith(ADDRESS + "."));
    }

    /** The address of the profile to write (the server's casing kept); null when it has none. */
    ObjectNode address() {
        for (Iterator<Map.Entry<String, JsonNode>> it = merged().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equalsIgnoreCase(ADDRESS)) {
                return field.getValue() instanceof ObjectNode address ? address : null;
            }
        }
        return null;
    }

    /** The address's country as an ISO 3166 alpha-2 code in upper case; null when it has none that looks like one. */
    String country() {
        ObjectNode address = address();
        if (address == null) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = address.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equalsIgnoreCase("country") && field.getValue().isTextual()
                    && field.getValue().asText().matches("[A-Za-z]{2}")) {
                return field.getValue().asText().toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }

    MergedChange stored(String etag) {
        return new MergedChange(write, current, results, etag);
    }
}

package io.billingsync.change;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One valid change request: whose profile, the source system's reference, and the merge patch. */
public record ChangeRequest(String customerId, String changeId, ObjectNode changes) {
}

package io.billingsync.records;

import java.io.IOException;
import java.util.List;

/** A journal line holding the outcomes of every change of one write of several: {@code {"write":[...]}}. */
record WriteLine(List<ChangeOutcome> write) {
    static final String FIELD = "write";

    /** The outcome of the change at {@code index} from a journal line: an outcome's own line, or a write's. */
    static ChangeOutcome outcome(byte[] line, int index) throws IOException {
        var node = RecordJson.MAPPER.readTree(line);
        if (!node.has(FIELD)) {
            return RecordJson.MAPPER.treeToValue(node, ChangeOutcome.class);
        }
        for (ChangeOutcome outcome : RecordJson.MAPPER.treeToValue(node, WriteLine.class).write()) {
            if (outcome.index() == index) {
                return outcome;
            }
        }
        throw new IOException("journal line of a write holds no outcome for change " + index);
    }
}

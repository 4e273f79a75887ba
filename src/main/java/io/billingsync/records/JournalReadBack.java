package io.billingsync.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** Reads back what an interrupted run left in a journal; a line torn by a crash is ended and skipped. */
final class JournalReadBack {
    private JournalReadBack() {
    }

    /** Receives each record of the journal, in the order they were written. */
    interface Records {
        void outcome(ChangeOutcome outcome, long lineStart);

        void intent(WriteIntent intent);
    }

    static void read(JournalLines lines, Records into) throws IOException {
        long offset = lines.readLine(0).length + 1L;
        long end = lines.end();
        while (offset < end) {
            byte[] line = lines.readLine(offset);
            if (line == null) {
                lines.append(new byte[0]); // ends the torn last line, so the next record starts on its own line
                break;
            }
            JsonNode node = parse(line);
            if (node != null && node.has("kind")) {
                into.intent(RecordJson.MAPPER.treeToValue(node, WriteIntent.class));
            } else if (node != null && node.has(WriteLine.FIELD)) {
                for (ChangeOutcome outcome : RecordJson.MAPPER.treeToValue(node, WriteLine.class).write()) {
                    into.outcome(outcome, offset);
                }
            } else if (node != null) {
                into.outcome(RecordJson.MAPPER.treeToValue(node, ChangeOutcome.class), offset);
            }
            offset += line.length + 1L;
        }
    }

    private static JsonNode parse(byte[] line) throws IOException {
        if (line.length == 0) {
            return null;
        }
        try {
            JsonNode node = RecordJson.MAPPER.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException torn) {
            return null; // the last line of a run killed mid-write: that change simply runs again
        }
    }
}

package io.billingsync.records;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A journal line written before the service writes something outside the journal (a dead letter, the archived
 * file): the name it chose and, for a dead letter, a digest of its error record and the outcome it will settle
 * the change with. A run killed before the write completed finds the intent on restart and can tell its own
 * complete dead letter (settle it, send nothing) from a partial one (remove it) from someone else's file.
 *
 * @param kind         {@code dead-letter}, {@code dead-letter-file} (the whole file) or {@code archive}
 * @param index        the change, for a change's dead letter
 * @param name         the file name chosen in the target folder
 * @param recordDigest SHA-256 of the error record written beside a dead letter
 * @param outcome      the outcome the change settles with once its dead letter is complete
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WriteIntent(String kind, Integer index, String name, String recordDigest, ChangeOutcome outcome) {
    static final String DEAD_LETTER = "dead-letter";
    static final String DEAD_LETTER_FILE = "dead-letter-file";
    static final String ARCHIVE = "archive";

    /** The key a journal keeps its intents under: one per change, one for the file. */
    String key() {
        return index == null ? kind : deadLetterKey(index);
    }

    static String deadLetterKey(int index) {
        return DEAD_LETTER + "#" + index;
    }
}

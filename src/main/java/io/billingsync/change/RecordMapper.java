package io.billingsync.change;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What each record of a JSON change file (an array element, the one object, an NDJSON line) becomes: a change request
 * as it is, in the service's own format ({@link ChangeFileReader}), or the change an input mapping makes of an ERP's
 * record.
 */
public interface RecordMapper {

    /** How positions name a record: {@code element 3 (line 5, column 3)}, {@code record 3 (...)}. */
    String itemName();

    /** A record read whole: its tree and its exact bytes. */
    ChangeEntry entry(int index, String position, JsonNode record, byte[] raw);

    /** A record that cannot be used (malformed, a key given twice, too long): its bytes as far as kept, and why. */
    ChangeEntry unusable(int index, String position, byte[] raw, String problem);
}

package io.billingsync.mapping;

import java.util.List;

/** A mapping file with mistakes: each problem names the file, the line and the fix. The service does not start. */
public final class InvalidMappingException extends RuntimeException {

    InvalidMappingException(List<String> problems) {
        super(String.join("\n  ", problems));
    }
}

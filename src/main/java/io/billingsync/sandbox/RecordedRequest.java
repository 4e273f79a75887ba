package io.billingsync.sandbox;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** A request the sandbox received, for tests to check what the service really sent. */
public record RecordedRequest(String method, String path, Map<String, String> headers, String body, Instant time) {

    /** A header's value by case-insensitive name; null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return method + " " + path + " at " + time;
    }
}

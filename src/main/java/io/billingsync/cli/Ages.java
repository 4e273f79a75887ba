package io.billingsync.cli;

import java.time.Duration;
import java.time.Instant;

/** How long ago something was, short and readable: 45 s, 12 min, 5 h, 3 days. */
final class Ages {
    private Ages() {
    }

    static String between(Instant then, Instant now) {
        long seconds = Math.max(0, Duration.between(then, now).toSeconds());
        return seconds < 120 ? seconds + " s" : seconds < 7200 ? seconds / 60 + " min" : seconds < 172800
                ? seconds / 3600 + " h" : seconds / 86400 + " days";
    }
}

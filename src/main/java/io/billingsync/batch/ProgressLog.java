package io.billingsync.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A progress line for long files at a fixed interval: changes done of total, rate, estimated time left. */
final class ProgressLog {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);

    private final String file;
    private final Long total;
    private final Duration interval;
    private final Clock clock;
    private final Instant started;
    private final AtomicLong done = new AtomicLong();
    private volatile Instant nextReport;

    ProgressLog(String file, Long total, Duration interval, Clock clock) {
        this.file = file;
        this.total = total;
        this.interval = interval;
        this.clock = clock;
        this.started = clock.instant();
        this.nextReport = started.plus(interval);
    }

    void changeDone() {
        long count = done.incrementAndGet();
        Instant now = clock.instant();
        if (now.isBefore(nextReport)) {
            return;
        }
        synchronized (this) {
            if (now.isBefore(nextReport)) {
                return;
            }
            nextReport = now.plus(interval);
        }
        double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
        double rate = count / seconds;
        if (total != null && total > 0) {
            long left = Math.max(0, total - count);
            LOG.info("{}: {} of {} changes done ({}%), {} changes/s, about {} s left", file, count, total,
                    count * 100 / total, String.format("%.1f", rate), Math.round(left / Math.max(rate, 0.001)));
        } else {
            LOG.info("{}: {} changes done, {} changes/s", file, count, String.format("%.1f", rate));
        }
    }

    long done() {
        return done.get();
    }

    /** Line count of NDJSON files (cheap next to the requests), for the estimate; null for other files. */
    static Long estimateTotal(Path file) {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".ndjson") && !lower.endsWith(".jsonl")) {
            return null;
        }
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return lines;
    }
}

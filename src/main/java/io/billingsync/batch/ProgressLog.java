package io.billingsync.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
}

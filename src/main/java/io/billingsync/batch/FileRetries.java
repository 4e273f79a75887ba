package io.billingsync.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * When an inbox file may start. A file that was started and not completed stays unsettled while it is in the
 * inbox, and no later-named file starts before it. One that failed (credentials refused, a folder unusable) is
 * tried again after a back-off that doubles from {@code first} up to {@code max}; one that was only interrupted
 * (its content changed while in progress) is tried again on the next poll.
 */
public final class FileRetries {

    /** A file not yet completed: {@code attempts} failed tries so far (0 when only interrupted). */
    public record Unsettled(String file, int attempts, String reason, Instant since, Instant nextAttempt) {
        public boolean failing() {
            return attempts > 0;
        }
    }

    private final Path inbox;
    private final Duration first;
    private final Duration max;
    private final Clock clock;
    private final TreeMap<String, Unsettled> unsettled = new TreeMap<>();

    public FileRetries(Path inbox, Duration first, Duration max, Clock clock) {
        this.inbox = inbox;
        this.first = first.isZero() || first.isNegative() ? Duration.ofMillis(1) : first;
        this.max = max.compareTo(this.first) < 0 ? this.first : max;
        this.clock = clock;
    }

    /** The earliest-named unsettled file before {@code name} still in the inbox; null when {@code name} may go. */
    public synchronized String heldBackBy(String name) {
        Iterator<Map.Entry<String, Unsettled>> earlier = unsettled.headMap(name, false).entrySet().iterator();
        while (earlier.hasNext()) {
            String file = earlier.next().getKey();
            if (Files.exists(inbox.resolve(file))) {
                return file;
            }
            earlier.remove(); // taken out of the inbox by hand: it holds nothing back any more
        }
        return null;
    }

    /** Whether the file's back-off (if any) is over. */
    public synchronized boolean due(String name) {
        Unsettled file = unsettled.get(name);
        return file == null || !clock.instant().isBefore(file.nextAttempt());
    }

    /** One more failed try: returns the file's state, {@code attempts() == 1} for the first of an episode. */
    public synchronized Unsettled failed(String name, String reason) {
        Instant now = clock.instant();
        Unsettled before = unsettled.get(name);
        int attempts = before == null ? 1 : before.attempts() + 1;
        Instant since = before == null || !before.failing() ? now : before.since();
        Unsettled after = new Unsettled(name, attempts, reason, since, now.plus(backoff(attempts)));
        unsettled.put(name, after);
        return after;
    }

    /** Started but not completed, through no failure: tried again on the next poll, still ahead of later files. */
    public synchronized void interrupted(String name) {
        Instant now = clock.instant();
        unsettled.put(name, new Unsettled(name, 0, null, now, now));
    }

    /** Completed (archived or dead-lettered): returns the failure episode this ends, or null. */
    public synchronized Unsettled settled(String name) {
        Unsettled ended = unsettled.remove(name);
        return ended != null && ended.failing() ? ended : null;
    }

    public synchronized List<Unsettled> failing() {
        return unsettled.values().stream().filter(Unsettled::failing).toList();
    }

    /** {@code first}, doubled for each further failure, never more than {@code max}. */
    Duration backoff(int attempts) {
        Duration delay = first;
        for (int i = 1; i < attempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) < 0 ? delay : max;
    }
}

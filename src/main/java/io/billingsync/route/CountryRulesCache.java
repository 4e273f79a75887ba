package io.billingsync.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.partnercenter.CountryRules;
import io.billingsync.records.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The countries' address rules as fetched from Partner Center, kept for {@code sync.country-rules.max-age} in memory
 * and in {@code <sync.work>/country-rules/<CC>.json} (written atomically, by the leading instance only), so a
 * country's rules are fetched once in that time whatever the restarts: while one change reads them, the others of
 * that country wait for it. A country whose rules could not be fetched is not asked for again before
 * {@link #RETRY_AFTER} has passed.
 */
public final class CountryRulesCache {
    private static final Logger LOG = LoggerFactory.getLogger(CountryRulesCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FOLDER = "country-rules";
    /** How long a country whose rules could not be fetched is checked without them. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(10);

    private record Kept(CountryRules rules, Instant fetchedAt) {
    }

    private final Path folder;
    private final Duration maxAge;
    private final Clock clock;
    private final BooleanSupplier leading;
    private final Duration longestRead;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    private final Map<String, Instant> unavailableUntil = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> reading = new ConcurrentHashMap<>();

    /**
     * @param leading     whether this instance leads its folder set: only the leader writes to the work folder
     * @param longestRead how long a change waits for another change reading its country's rules
     */
    public CountryRulesCache(Path work, Duration maxAge, Clock clock, BooleanSupplier leading, Duration longestRead) {
        this.folder = work.resolve(FOLDER);
        this.maxAge = maxAge;
        this.clock = clock;
        this.leading = leading;
        this.longestRead = longestRead;
    }

    /**
     * The country's rules fetched within the maximum age, once a read in progress ended; null when there are none.
     * Interrupted meanwhile (the service stopping), it answers what it has and leaves the interrupt to the next wait
     * (the request budget's, which retries the round).
     */
    CountryRules rules(String country) {
        CountDownLatch read = reading.get(country);
        if (read != null) {
            try {
                read.await(longestRead.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return kept(country);
    }

    private CountryRules kept(String country) {
        Kept known = kept.computeIfAbsent(country, this::readFile);
        if (known == null || known.fetchedAt().plus(maxAge).isBefore(clock.instant())) {
            return null;
        }
        return known.rules();
    }

    /**
     * Whether the caller is to read the country's rules now: they are not kept, were not found unavailable a moment
     * ago, and no other change is reading them. The caller then settles the read: {@link #fetched} or
     * {@link #unavailable}.
     */
    boolean claim(String country) {
        if (!wanted(country) || reading.putIfAbsent(country, new CountDownLatch(1)) != null) {
            return false;
        }
        if (wanted(country)) {
            return true;
        }
        release(country); // read meanwhile by the change that held the claim before
        return false;
    }

    private boolean wanted(String country) {
        Instant until = unavailableUntil.get(country);
        return kept(country) == null && (until == null || !clock.instant().isBefore(until));
    }

    private void release(String country) {
        CountDownLatch read = reading.remove(country);
        if (read != null) {
            read.countDown();
        }
    }

    void fetched(String country, ObjectNode answer) {
        Instant now = clock.instant();
        kept.put(country, new Kept(CountryRules.read(country, answer), now));
        release(country);
        if (unavailableUntil.remove(country) != null) {
            LOG.info("The address rules of {} are read again: addresses there are checked against them", country);
        }
        if (leading.getAsBoolean()) {
            ObjectNode file = JSON.createObjectNode().put("country", country).put("fetchedAt", now.toString());
            file.set("rules", answer);
            try {
                AtomicFiles.createPrivateDirectories(folder);
                AtomicFiles.write(folder.resolve(country + ".json"), JSON.writeValueAsBytes(file));
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("Cannot keep the address rules of {} in {} ({}): they are fetched again after a restart",
                        country, folder, e.getMessage());
            }
        }
    }

    /** The country's rules could not be fetched; true the first time since they last could (to say so once). */
    boolean unavailable(String country) {
        boolean first = unavailableUntil.put(country, clock.instant().plus(RETRY_AFTER)) == null;
        release(country);
        return first;
    }

    private Kept readFile(String country) {
        Path file = folder.resolve(country + ".json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode kept = JSON.readTree(file.toFile());
            if (kept.path("rules") instanceof ObjectNode answer) {
                return new Kept(CountryRules.read(country, answer), Instant.parse(kept.path("fetchedAt").asText()));
            }
        } catch (IOException | DateTimeException e) {
            LOG.debug("{} cannot be read ({}): the rules are fetched again", file, e.getMessage());
        }
        return null;
    }
}

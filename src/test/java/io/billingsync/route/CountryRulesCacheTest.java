package io.billingsync.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The countries' rules as kept: read once while others wait, kept a day on disk by the leader only, asked again later. */
class CountryRulesCacheTest {
    private static final ObjectNode US = new ObjectMapper().createObjectNode().put("isStateRequired", true);

    @TempDir
    Path work;

    /** A clock a test moves on. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-06-10T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void oneChangeReadsACountrysRulesWhileTheOthersWaitForThemThenTheyAreKeptForTheMaximumAge() throws Exception {
        MovingClock clock = new MovingClock();
        CountryRulesCache cache = new CountryRulesCache(work, Duration.ofDays(1), clock, () -> true, Duration.ofSeconds(10));

        assertThat(cache.claim("US")).isTrue();
        assertThat(cache.claim("US")).as("being read").isFalse();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> cache.rules("US") != null);
        Thread.sleep(200);
        assertThat(waiting).as("waits for the read").isNotDone();
        cache.fetched("US", US);

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.claim("US")).as("kept").isFalse();
        clock.now = clock.now.plus(Duration.ofHours(25));
        assertThat(cache.rules("US")).as("older than the maximum age").isNull();
        assertThat(cache.claim("US")).isTrue();
    }

    @Test
    void rulesKeptByTheLeaderAreReadBackAfterARestartAndAStandbyWritesNothing() throws Exception {
        MovingClock clock = new MovingClock();
        new CountryRulesCache(work, Duration.ofDays(1), clock, () -> true, Duration.ofSeconds(1)).fetched("US", US);
        new CountryRulesCache(work, Duration.ofDays(1), clock, () -> false, Duration.ofSeconds(1)).fetched("CA", US);

        CountryRulesCache restarted = new CountryRulesCache(work, Duration.ofDays(1), clock, () -> true, Duration.ofSeconds(1));
        assertThat(restarted.rules("US")).isNotNull();
        assertThat(restarted.rules("US").stateRequired()).isTrue();
        assertThat(restarted.claim("US")).isFalse();
        assertThat(Files.exists(work.resolve("country-rules").resolve("CA.json"))).as("not the leader").isFalse();
        assertThat(restarted.claim("CA")).isTrue();
    }

    @Test
    void rulesThatCannotBeReadAreSaidOnceAndAskedForAgainAfterAWhile() throws Exception {
        MovingClock clock = new MovingClock();
        CountryRulesCache cache = new CountryRulesCache(work, Duration.ofDays(1), clock, () -> true, Duration.ofSeconds(1));

        assertThat(cache.claim("MX")).isTrue();
        assertThat(cache.unavailable("MX")).as("said the first time").isTrue();
        assertThat(cache.rules("MX")).isNull();
        assertThat(cache.claim("MX")).as("not asked again at once").isFalse();
        clock.now = clock.now.plus(CountryRulesCache.RETRY_AFTER);
        assertThat(cache.claim("MX")).isTrue();
        assertThat(cache.unavailable("MX")).as("still unavailable: not said again").isFalse();
        clock.now = clock.now.plus(CountryRulesCache.RETRY_AFTER);
        assertThat(cache.claim("MX")).isTrue();
        cache.fetched("MX", US);
        assertThat(cache.claim("MX")).isFalse();
        assertThat(cache.unavailable("MX")).as("said again after the rules were read in between").isTrue();
    }
}

package io.billingsync.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeOrder;
import io.billingsync.change.ChangeRequest;
import io.billingsync.records.ChangeOutcome;
import io.billingsync.records.Outcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which customers a desired-state tick reads, tick after tick on the real store, with a clock moved by hand: every
 * customer is read again at least once per drift-check interval, no tick reads much more than its share (customers
 * x period / interval, the longest-read first), an edited entry is read at once, and a tick given up halfway (its
 * instance stopped) neither makes the next one read a customer twice nor leaves one unread.
 */
class DesiredStateSpreadTest {
    static final int CUSTOMERS = 100;
    static final Duration PERIOD = Duration.ofMinutes(15);
    static final Duration INTERVAL = Duration.ofHours(10);
    /** 100 x 15 min / 10 h = 2.5 customers a tick. */
    static final int SHARE_ROUNDED_UP = 3;
    static final String FILE = "desired.json";

    @TempDir
    Path work;
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T00:00:00Z"));
    /** Per customer, when each tick read it (the first tick's read, of a new customer, included). */
    final Map<String, List<Instant>> reads = new HashMap<>();
    /** Per customer, its entry's company name: changed to edit the entry. */
    final Map<String, String> companies = new HashMap<>();

    @Test
    void everyCustomerIsReadOncePerIntervalASharePerTickAndAnEditAtOnce() {
        for (int i = 0; i < CUSTOMERS; i++) {
            companies.put(customer(i), "Company " + i);
        }
        LeaderHistory leader = leader();
        HistoryKeeper keeper = keeper(leader);
        assertThat(tick(keeper, CUSTOMERS)).as("the first tick reads every customer").isEqualTo(CUSTOMERS);

        int ticks = (int) (3 * INTERVAL.toMinutes() / PERIOD.toMinutes());
        for (int t = 1; t <= ticks; t++) {
            clock.move(PERIOD);
            String edited = customer(t % CUSTOMERS);
            companies.put(edited, "Edited at tick " + t);
            Instant editedAt = clock.instant();
            int givenUp = 0;
            if (t % 7 == 0) {
                // the instance stops halfway through this tick; a new one opens the store and goes on
                givenUp = tick(keeper, CUSTOMERS / 2);
                leader.release();
                leader = leader();
                keeper = keeper(leader);
                clock.move(PERIOD);
            }
            int read = tick(keeper, CUSTOMERS);
            assertThat(reads.get(edited).get(reads.get(edited).size() - 1)).as("an edited entry is read at the next tick")
                    .isAfterOrEqualTo(editedAt);
            assertThat(givenUp + read).as("tick " + t + ": the edits and the shares of the ticks (a tick given up halfway"
                    + " and the next)").isLessThanOrEqualTo(2 + 2 * SHARE_ROUNDED_UP);
            if (t % 7 != 0 && t % 7 != 1) {
                assertThat(read).as("tick " + t + ": after a complete tick").isLessThanOrEqualTo(1 + SHARE_ROUNDED_UP);
            }
        }
        for (Map.Entry<String, List<Instant>> customer : reads.entrySet()) {
            List<Instant> times = customer.getValue();
            for (int i = 1; i < times.size(); i++) {
                Duration gap = Duration.between(times.get(i - 1), times.get(i));
                assertThat(gap).as(customer.getKey() + " read again after").isLessThanOrEqualTo(INTERVAL.plus(PERIOD));
            }
            assertThat(Duration.between(times.get(times.size() - 1), clock.instant())).isLessThanOrEqualTo(INTERVAL);
        }
        leader.release();
    }

    @Test
    void aCustomerRemovedFromTheFileIsForgottenAndACustomerInItTwiceIsReadAtEachTick() {
        for (int i = 0; i < 3; i++) {
            companies.put(customer(i), "Company " + i);
        }
        LeaderHistory leader = leader();
        HistoryKeeper keeper = keeper(leader);
        tick(keeper, 3);
        companies.remove(customer(2));
        clock.move(PERIOD);
        assertThat(tick(keeper, 2)).isZero();
        assertThat(leader.desiredStateProgress().customers()).isEqualTo(2);

        companies.put(customer(2), "Company 2");
        clock.move(PERIOD);
        assertThat(tick(keeper, 3)).as("the customer that came back is read as a new one").isEqualTo(1);
        assertThat(leader.desiredStateProgress()).extracting(DesiredStateProgress::customers, DesiredStateProgress::inState,
                DesiredStateProgress::pending).containsExactly(3L, 3L, 0L);
        leader.release();
    }

    @Test
    void theProgressReadAsTheLockIsLostDoesNotOpenTheStoreAgain() {
        companies.put(customer(0), "Company 0");
        LeaderHistory leader = leader();
        tick(keeper(leader), 1);
        ChangeHistory readBeforeTheLoss = leader.current();
        leader.release();
        assertThat(readBeforeTheLoss.desiredStateProgress()).as("a standby shows no progress").isNull();
        LeaderHistory next = leader();
        assertThat(next.desiredStateProgress().inState()).as("the next leader opens the store as it was").isEqualTo(1);
        next.release();
    }

    /**
     * One tick over the first {@code entries} customers of the file: those the keeper does not know in state are
     * "sent" and found unchanged; the tick is finished only when it saw the whole file. Returns how many were read.
     */
    private int tick(HistoryKeeper keeper, int entries) {
        keeper.beginFile(FILE, true);
        List<String> file = new ArrayList<>(companies.keySet());
        file.sort(null);
        int read = 0;
        for (int index = 0; index < entries && index < file.size(); index++) {
            String customer = file.get(index);
            ChangeEntry entry = entry(index, customer, companies.get(customer));
            if (keeper.knownInState(FILE, entry) == null) {
                read++;
                reads.computeIfAbsent(customer, c -> new ArrayList<>()).add(clock.instant());
                ChangeOutcome found = ChangeOutcome.settled(index, null, customer, Outcome.UNCHANGED, 1, "e", "e",
                        List.of(), null, null).withOrder(new ChangeOrder(index + 1, null, List.of(), null));
                keeper.remember(FILE, entry, found);
            }
        }
        if (entries >= file.size()) {
            keeper.finishFile(FILE);
        }
        return read;
    }

    private static ChangeEntry entry(int index, String customer, String company) {
        ChangeRequest change = new ChangeRequest(customer, null, JsonNodeFactory.instance.objectNode().put("companyName", company));
        return new ChangeEntry(index, "element " + index, new byte[0], change, null, customer, null);
    }

    private static String customer(int i) {
        return String.format("00000000-0000-0000-0000-%012d", i);
    }

    private LeaderHistory leader() {
        LeaderHistory leader = new LeaderHistory(work, work.resolve("done"), Duration.ofDays(90), clock);
        leader.acquire();
        return leader;
    }

    private HistoryKeeper keeper(LeaderHistory leader) {
        return new HistoryKeeper(leader, Duration.ofDays(90), false, INTERVAL, clock);
    }

    /** A clock that stands still until moved. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

package io.billingsync.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CustomerLanesTest {

    @Test
    void tasksOfOneCustomerRunInSubmissionOrderWhileCustomersRunInParallel() throws Exception {
        Map<String, List<Integer>> seen = new HashMap<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(400);
        try (CustomerLanes lanes = new CustomerLanes(4, 16)) {
            for (int i = 0; i < 100; i++) {
                for (String customer : List.of("a", "b", "c", "d")) {
                    int sequence = i;
                    lanes.submit(customer, () -> {
                        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                        sleep(1);
                        synchronized (seen) {
                            seen.computeIfAbsent(customer, k -> new ArrayList<>()).add(sequence);
                        }
                        running.decrementAndGet();
                        all.countDown();
                    });
                }
            }
            assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        }
        for (List<Integer> order : seen.values()) {
            List<Integer> sorted = new ArrayList<>(order);
            Collections.sort(sorted);
            assertThat(order).hasSize(100).isEqualTo(sorted);
        }
        assertThat(maxRunning.get()).isGreaterThan(1).isLessThanOrEqualTo(4);
    }

    @Test
    void oneCustomerNeverRunsTwoTasksAtOnce() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(50);
        try (CustomerLanes lanes = new CustomerLanes(8, 8)) {
            for (int i = 0; i < 50; i++) {
                lanes.submit("same", () -> {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    sleep(1);
                    running.decrementAndGet();
                    all.countDown();
                });
            }
            assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(maxRunning.get()).isEqualTo(1);
    }

    @Test
    void submitBlocksWhileTheQueueIsFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (CustomerLanes lanes = new CustomerLanes(1, 2)) {
            lanes.submit("a", () -> await(release));
            lanes.submit("a", () -> { });
            Thread third = new Thread(() -> {
                try {
                    lanes.submit("b", () -> { });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            third.start();
            third.join(300);
            assertThat(third.isAlive()).as("third submit waits for room").isTrue();
            release.countDown();
            third.join(5000);
            assertThat(third.isAlive()).isFalse();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

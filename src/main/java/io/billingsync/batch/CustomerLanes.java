package io.billingsync.batch;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs work so that tasks for one customer run one after another in submission order, while tasks for
 * different customers run in parallel on at most {@code concurrency} threads. {@link #submit} blocks while
 * {@code maxQueued} tasks are waiting, so a streamed file never piles up in memory.
 */
public final class CustomerLanes implements AutoCloseable {

    private final ExecutorService threads;
    private final Semaphore queued;
    private final Map<String, ArrayDeque<Runnable>> lanes = new HashMap<>();

    public CustomerLanes(int concurrency, int maxQueued) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "customer-lane-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.threads = Executors.newFixedThreadPool(concurrency, factory);
        this.queued = new Semaphore(maxQueued);
    }

    public void submit(String customerKey, Runnable task) throws InterruptedException {
        queued.acquire();
        synchronized (lanes) {
            ArrayDeque<Runnable> lane = lanes.get(customerKey);
            if (lane != null) {
                lane.add(task);
                return;
            }
            lane = new ArrayDeque<>();
            lane.add(task);
            lanes.put(customerKey, lane);
        }
        threads.execute(() -> drain(customerKey));
    }

    private void drain(String customerKey) {
        while (true) {
            Runnable next;
            synchronized (lanes) {
                ArrayDeque<Runnable> lane = lanes.get(customerKey);
                next = lane.poll();
                if (next == null) {
                    lanes.remove(customerKey);
                    return;
                }
            }
            try {
                next.run();
            } finally {
                queued.release();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        threads.shutdown();
        threads.awaitTermination(1, TimeUnit.MINUTES);
    }
}

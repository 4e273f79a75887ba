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
 * {@code maxQueued} changes are waiting, so a streamed file never piles up in memory.
 */
public final class CustomerLanes implements AutoCloseable {

    private final ExecutorService threads;
    private final Semaphore queued;
    private final int maxQueued;
    private final Map<String, ArrayDeque<Task>> lanes = new HashMap<>();

    /** A task and the number of changes it holds (each counts towards {@code maxQueued}). */
    private record Task(Runnable work, int changes) {
    }

    public CustomerLanes(int concurrency, int maxQueued) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "customer-lane-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.threads = Executors.newFixedThreadPool(concurrency, factory);
        this.queued = new Semaphore(maxQueued);
        this.maxQueued = maxQueued;
    }

    public void submit(String customerKey, Runnable task) throws InterruptedException {
        submit(customerKey, 1, task);
    }

    /** A task for {@code changes} changes (a write of several counts for each of them while it waits). */
    public void submit(String customerKey, int changes, Runnable work) throws InterruptedException {
        Task task = new Task(work, Math.min(changes, maxQueued));
        queued.acquire(task.changes());
        synchronized (lanes) {
            ArrayDeque<Task> lane = lanes.get(customerKey);
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
            Task next;
            synchronized (lanes) {
                ArrayDeque<Task> lane = lanes.get(customerKey);
                next = lane.poll();
                if (next == null) {
                    lanes.remove(customerKey);
                    return;
                }
            }
            try {
                next.work().run();
            } finally {
                queued.release(next.changes());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        threads.shutdown();
        threads.awaitTermination(1, TimeUnit.MINUTES);
    }
}

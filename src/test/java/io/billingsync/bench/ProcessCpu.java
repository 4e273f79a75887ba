package io.billingsync.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time sampled every few milliseconds while a run goes on, to tell what a stretch of wall-clock time between two
 * instants (a result record's start and end) cost: the whole process's, and the client's alone (every Java thread
 * but the sandbox's, so neither the sandbox answering nor the JIT compiler and the garbage collector count). Other
 * load on the machine disturbs CPU time far less than the wall-clock rate.
 */
final class ProcessCpu implements AutoCloseable {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Duration EVERY = Duration.ofMillis(10);

    /** CPU so far, in nanoseconds: the process's, and the client threads'. */
    record Sample(Instant at, long process, long client) {
    }

    private final List<Sample> samples = new ArrayList<>();
    /** The last CPU time seen of each client thread, kept after it ends. */
    private final Map<Long, Long> clientThreads = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    ProcessCpu() {
        sample();
        sampler = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(EVERY.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                sample();
            }
        }, "process-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private synchronized void sample() {
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && !isSandboxOrSampler(thread.getThreadName())) {
                long cpu = THREADS.getThreadCpuTime(thread.getThreadId());
                if (cpu >= 0) {
                    clientThreads.put(thread.getThreadId(), cpu);
                }
            }
        }
        long client = clientThreads.values().stream().mapToLong(Long::longValue).sum();
        samples.add(new Sample(Instant.now(), OS.getProcessCpuTime(), client));
    }

    private static boolean isSandboxOrSampler(String name) {
        return name.startsWith("sandbox-") || name.startsWith("HTTP-Dispatcher") || name.startsWith("process-cpu-sampler");
    }

    /** The CPU spent between the two instants (linear between the samples around each). */
    synchronized Sample between(Instant from, Instant to) {
        Sample start = at(from);
        Sample end = at(to);
        return new Sample(to, end.process() - start.process(), end.client() - start.client());
    }

    private Sample at(Instant instant) {
        for (int i = 1; i < samples.size(); i++) {
            Sample before = samples.get(i - 1);
            Sample after = samples.get(i);
            if (!after.at().isBefore(instant)) {
                double span = Math.max(1, Duration.between(before.at(), after.at()).toNanos());
                double into = Math.min(span, Math.max(0, Duration.between(before.at(), instant).toNanos())) / span;
                return new Sample(instant, before.process() + Math.round((after.process() - before.process()) * into),
                        before.client() + Math.round((after.client() - before.client()) * into));
            }
        }
        throw new IllegalStateException(instant + " is outside the samples taken");
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
        sample();
    }
}

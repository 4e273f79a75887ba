package io.billingsync.process;

import io.billingsync.testkit.SyncFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The service as a separate operating-system process: the shaded jar, started like an operator would. */
final class ServiceProcess implements AutoCloseable {
    private final Process process;
    final Path log;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("sync.jar", "target/billing-profile-sync.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the jar first (mvn package): " + jar);
        }
        return jar;
    }

    /**
     * Writes {@code dir/sync.properties}: the folders under {@code dir}, the project's routes, no management port,
     * quick polling and leader lock; then {@code settings} (endpoint, concurrency and whatever else the test needs).
     */
    static Path writeConfig(Path dir, String... settings) throws IOException {
        SyncFolders folders = SyncFolders.under(dir);
        List<String> lines = new ArrayList<>(List.of(
                "sync.inbox = " + folders.inbox(),
                "sync.done = " + folders.done(),
                "sync.dead-letter = " + folders.deadLetter(),
                "sync.work = " + folders.work(),
                "sync.inbox.quiet-period = 100ms",
                "sync.inbox.poll-interval = 100ms",
                "sync.leader.acquire-interval = 200ms",
                "sync.leader.stale-after = 600ms",
                "camel.main.routes-include-pattern = file:" + Path.of("routes").toAbsolutePath() + "/*.camel.yaml",
                "camel.management.enabled = false",
                "camel.metrics.enabled = false"));
        lines.addAll(List.of(settings));
        return Files.write(dir.resolve("sync.properties"), lines);
    }

    static ServiceProcess start(Path config, Path log, Map<String, String> environment, String... args) throws IOException {
        return startWithHeap("256m", config, log, environment, args);
    }

    /**
     * Starts the jar with {@code -Xmx<maxHeap>}; an environment value of {@code null} removes that variable (LANG,
     * LC_ALL: a service started without a locale).
     */
    static ServiceProcess startWithHeap(String maxHeap, Path config, Path log, Map<String, String> environment,
                                        String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-jar", jar().toAbsolutePath().toString(), "--config", config.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        return new ServiceProcess(builder.start(), log);
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no cleanup. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: graceful shutdown; returns the exit code. */
    int terminate(long timeoutSeconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("service did not stop within " + timeoutSeconds + " s after SIGTERM");
        }
        return process.exitValue();
    }

    int awaitExit(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("service did not finish within " + timeoutSeconds + " s");
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}

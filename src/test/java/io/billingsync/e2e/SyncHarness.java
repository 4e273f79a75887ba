package io.billingsync.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingsync.batch.RunSummary;
import io.billingsync.config.SettingsLoader;
import io.billingsync.config.SyncSettings;
import io.billingsync.config.TokenProviders;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.service.SyncService;
import io.billingsync.testkit.SyncFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the real service (YAML routes, Camel HTTP) in this JVM against the embedded sandbox over loopback,
 * with its folders under a test's temporary directory.
 */
final class SyncHarness implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final SyncFolders folders;
    final Path inbox;
    final Path done;
    final Path deadLetter;
    final Path work;
    final PartnerCenterSandbox sandbox;
    /** The service's environment variables (secrets that are taken only from there, say). */
    final Map<String, String> environment = new HashMap<>();
    private SyncService service;

    SyncHarness(Path root, PartnerCenterSandbox sandbox) {
        this.folders = SyncFolders.under(root);
        this.inbox = folders.inbox();
        this.done = folders.done();
        this.deadLetter = folders.deadLetter();
        this.work = folders.work();
        this.sandbox = sandbox;
    }

    Properties properties(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>();
        values.put("partnercenter.base-url", sandbox.baseUrl().toString());
        values.put("partnercenter.token", sandbox.staticToken());
        values.put("sync.inbox", inbox.toString());
        values.put("sync.done", done.toString());
        values.put("sync.dead-letter", deadLetter.toString());
        values.put("sync.work", work.toString());
        values.put("sync.inbox.quiet-period", "100ms");
        values.put("sync.inbox.poll-interval", "100ms");
        values.put("sync.leader.acquire-interval", "100ms");
        values.put("sync.leader.stale-after", "300ms");
        values.put("sync.conflict.backoff", "10ms");
        values.put("sync.retry.initial-backoff", "50ms");
        values.put("sync.retry.max-backoff", "500ms");
        values.put("camel.main.shutdown-timeout", "10");
        values.put("camel.management.enabled", "false");
        values.put("camel.metrics.enabled", "false");
        values.put("camel.component.http.response-timeout", "5000");
        values.putAll(extra);
        return new SettingsLoader(environment, new Properties()).load(Path.of("config", "application.properties"), values);
    }

    SyncService service(Map<String, String> extra) {
        Properties properties = properties(extra);
        SyncSettings settings = SyncSettings.from(properties);
        service = new SyncService(settings, properties, TokenProviders.create(settings), Clock.systemUTC());
        return service;
    }

    /** Starts the service in the background (service mode). */
    SyncService start(Map<String, String> extra) throws Exception {
        SyncService started = service(extra);
        started.start();
        return started;
    }

    /** Runs --once over what is in the inbox and returns the run's summary. */
    RunSummary runOnce(Map<String, String> extra) throws Exception {
        Map<String, String> once = new HashMap<>(extra);
        once.put("sync.once", "true");
        return service(once).run();
    }

    /** Runs --once; what kept the instance from leading once it took the lock (null when nothing did). */
    RuntimeException refusalOfOnceRun() throws Exception {
        Map<String, String> once = new HashMap<>();
        once.put("sync.once", "true");
        SyncService run = service(once);
        run.run();
        return run.leadership().refused();
    }

    /**
     * Runs --once like {@link #runOnce}, but a run that does not end by itself (a file retried on every poll) fails
     * the test after {@code limit} instead of hanging it.
     */
    RunSummary runOnceEnding(Map<String, String> extra, Duration limit) throws Exception {
        Map<String, String> once = new HashMap<>(extra);
        once.put("sync.once", "true");
        SyncService run = service(once);
        FutureTask<RunSummary> task = new FutureTask<>(run::run);
        Thread thread = new Thread(task, "once-run");
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            run.requestStop();
            throw new AssertionError("--once did not end within " + limit + "; result records: " + ChangeScript.list(done));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Drops a change file the way a careful writer does: a temporary name, then a rename. */
    Path drop(String name, String content) {
        try {
            Files.createDirectories(inbox);
            Path temp = inbox.resolve(name + ".tmp");
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            return Files.move(temp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The result records of the desired-state ticks so far, oldest first. */
    java.util.List<Path> desiredStateRecords() {
        if (!Files.isDirectory(done)) {
            return java.util.List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.list(done)) {
            return files.filter(p -> p.getFileName().toString().startsWith("desired-state-")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode awaitResult(String fileName, Duration timeout) {
        Path result = done.resolve(fileName + ".result.json");
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> Files.exists(result));
        return readJson(result);
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        if (service != null) {
            service.close();
        }
        sandbox.close();
    }
}

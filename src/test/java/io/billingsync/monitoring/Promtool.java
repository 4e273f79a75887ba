package io.billingsync.monitoring;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus's {@code promtool} (Debian's {@code prometheus} package, installed by {@code .ci/install-promtool}). In
 * CI ({@code CI} set) a missing promtool fails the build; on a developer machine the tests that need it are skipped
 * with a note saying how to install it.
 */
final class Promtool {
    static final Path MONITORING = Path.of("deploy", "monitoring");

    record Run(int exitCode, String output) {
    }

    private Promtool() {
    }

    static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String install = "promtool is not installed: run .ci/install-promtool (Debian's prometheus package)";
        if (System.getenv("CI") != null) {
            fail(install + "; CI must run the alert-rule tests");
        }
        Assumptions.abort(install + "; the alert-rule tests are skipped on this machine");
        return null;
    }

    static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(find().toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(MONITORING.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("promtool " + String.join(" ", args) + " did not finish within a minute");
        }
        return new Run(process.exitValue(), output);
    }
}

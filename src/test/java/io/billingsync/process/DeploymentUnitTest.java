package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped systemd unit: systemd accepts it, and the rotating refresh token lies where it lets the service write. */
class DeploymentUnitTest {

    @Test
    void theRefreshTokensFolderIsWritableUnderTheUnitsSandboxing() throws Exception {
        SystemdUnit unit = SystemdUnit.shipped();
        String tokenFile = unit.environment().get("PARTNERCENTER_AUTH_REFRESH_TOKEN_FILE");

        assertThat(tokenFile).as("the unit names the refresh-token file").isNotNull();
        assertThat(unit.isWritable(Path.of(tokenFile).getParent().toString()))
                .as("the folder of " + tokenFile + " is writable (rotation writes a temporary file beside it): " + unit.writablePaths())
                .isTrue();
        assertThat(unit.isWritable(unit.workingDirectory())).isTrue();
    }

    @Test
    void systemdAnalyzeVerifiesTheUnitWithoutAWarning() throws Exception {
        Path analyze = Stream.of("/usr/bin/systemd-analyze", "/bin/systemd-analyze").map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        assumeTrue(analyze != null, "systemd-analyze is not installed");
        Process verify = new ProcessBuilder(analyze.toString(), "verify", SystemdUnit.SHIPPED.toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> output = new String(verify.getInputStream().readAllBytes()).lines().toList();
        String java = SystemdUnit.shipped().execStart().get(0);
        assumeTrue(Files.isExecutable(Path.of(java)) || output.stream().noneMatch(line -> line.contains(java)),
                java + " (the unit's ExecStart) is not installed here");

        assertThat(output).as("systemd-analyze verify " + SystemdUnit.SHIPPED).isEmpty();
        assertThat(verify.exitValue()).isZero();
    }
}

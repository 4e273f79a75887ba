package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.SandboxSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout docs/OPERATIONS.md and the systemd unit ship, rebuilt under a temporary root where only what the unit
 * makes writable (its StateDirectory and ReadWritePaths; ProtectSystem=strict makes the rest read-only) can be
 * written by the service: the first refresh-token rotation must be saved, owner-only, and processing go on.
 */
class DeploymentLayoutIT {
    /** The service runs as an unprivileged user, as under the unit's User=: root would ignore the permissions. */
    static final int SERVICE_UID = 65534;
    static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    @TempDir
    Path root;

    private Path map(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /** A unit value naming absolute paths (alone, or after "file:") as seen under the temporary root. */
    private String mapValue(String value) {
        return value.replaceAll("(^|:)/", "$1" + root + "/");
    }

    @Test
    void theShippedLayoutSavesTheRotatedRefreshTokenAndKeepsProcessing() throws Exception {
        assumeTrue(Path.of(".").getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions needed");
        Path setpriv = Stream.of("/usr/bin/setpriv", "/bin/setpriv").map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(!ROOT || setpriv != null, "running as root needs setpriv to start the service as an unprivileged user");
        SystemdUnit unit = SystemdUnit.shipped();

        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults())) {
            String customer = sandbox.addCustomers(1).get(0);
            Path jar = map(unit.option("-jar"));
            Files.createDirectories(jar.getParent());
            Files.copy(ServiceProcess.jar(), jar);
            copyTree(Path.of("routes"), jar.getParent().resolve("routes"));
            Path config = map(unit.option("--config"));
            Files.createDirectories(config.getParent());
            Files.copy(Path.of("config", "application.properties"), config);
            Files.createDirectories(map("/etc/billing-profile-sync"));
            for (String writable : unit.writablePaths()) {
                if (!writable.equals(unit.environment().get("PARTNERCENTER_AUTH_REFRESH_TOKEN_FILE"))) {
                    Files.createDirectories(map(writable));
                }
            }
            Path workingDirectory = Files.createDirectories(map(unit.workingDirectory()));
            Path tokenFile = map(unit.environment().get("PARTNERCENTER_AUTH_REFRESH_TOKEN_FILE"));
            Files.createDirectories(tokenFile.getParent());
            String firstToken = sandbox.issueRefreshToken();
            Files.writeString(tokenFile, firstToken);
            Path inbox = Files.createDirectories(workingDirectory.resolve("inbox"));
            Files.writeString(inbox.resolve("erp-1.json"), "{\"customerId\":\"" + customer + "\",\"changes\":{\"companyName\":\"Rotated\"}}");
            lockDownAllButWritable(unit);

            Map<String, String> environment = new HashMap<>();
            unit.environment().forEach((name, value) -> environment.put(name, mapValue(value)));
            environment.put("PARTNERCENTER_BASE_URL", sandbox.baseUrl().toString());
            environment.put("PARTNERCENTER_AUTH_TOKEN_URL", sandbox.tokenUrl().toString());
            environment.put("PARTNERCENTER_AUTH_CLIENT_ID", sandbox.settings().clientId());
            environment.put("PARTNERCENTER_AUTH_CLIENT_SECRET", sandbox.settings().clientSecret());
            environment.put("CAMEL_MANAGEMENT_PORT", String.valueOf(freePort()));
            environment.put("SYNC_INBOX_QUIET_PERIOD", "100ms");
            environment.put("SYNC_INBOX_POLL_INTERVAL", "100ms");
            List<String> command = new ArrayList<>();
            if (ROOT) {
                command.addAll(List.of(setpriv.toString(), "--reuid=" + SERVICE_UID, "--regid=" + SERVICE_UID, "--clear-groups", "--"));
            }
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            unit.execStart().stream().skip(1).map(arg -> arg.startsWith("/") ? mapValue(arg) : arg).forEach(command::add);
            command.add("--once");
            Path log = Files.createTempFile("deployment-layout", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process service = builder.start();
            boolean finished = service.waitFor(120, TimeUnit.SECONDS);
            if (!finished) {
                service.destroyForcibly();
            }
            String output = Files.readString(log);
            Files.delete(log);

            assertThat(finished).as(output).isTrue();
            assertThat(service.exitValue()).as(output).isZero();
            assertThat(sandbox.profile(customer).path("companyName").asText()).isEqualTo("Rotated");
            String saved = Files.readString(tokenFile).trim();
            assertThat(saved).as("the rotated refresh token is saved").isNotEqualTo(firstToken);
            assertThat(sandbox.issuedRefreshTokens()).contains(saved);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            assertThat(output).doesNotContain(saved).doesNotContain(firstToken);
        }
    }

    /** ProtectSystem=strict: everything read-only but the unit's writable paths, which belong to the service user. */
    private void lockDownAllButWritable(SystemdUnit unit) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : all) {
            String absolute = "/" + root.relativize(path).toString().replace('\\', '/');
            boolean directory = Files.isDirectory(path);
            if (!path.equals(root) && unit.isWritable(absolute)) {
                if (ROOT) {
                    Files.setAttribute(path, "unix:uid", SERVICE_UID);
                    Files.setAttribute(path, "unix:gid", SERVICE_UID);
                }
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"));
            } else {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(directory ? "r-xr-xr-x" : "r--r--r--"));
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }
}

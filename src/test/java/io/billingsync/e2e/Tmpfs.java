package io.billingsync.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tmpfs mounted on a folder for one test: a second, small file system next to the test's own. Needs root and
 * {@code mount}; the test is skipped where either is missing.
 */
final class Tmpfs implements AutoCloseable {
    static final int PAGE = 4096;
    private final Path mountPoint;
    private final Path filler;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve(".filler");
    }

    static Tmpfs mount(Path mountPoint, String size) throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        Files.createDirectories(mountPoint);
        Process mount = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", mountPoint.toString());
        assumeTrue(mount.exitValue() == 0, () -> "mount -t tmpfs failed: " + output(mount));
        return new Tmpfs(mountPoint);
    }

    /** Fills the file system up, then frees {@code spare} bytes (whole pages) so the next writes fail part-way. */
    void fillLeaving(int spare) throws IOException {
        byte[] chunk = new byte[PAGE];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException full) {
            // no space left: that is the point
        }
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
            channel.truncate(Math.max(0, channel.size() / PAGE * PAGE - spare));
        }
    }

    /** Space is back. */
    void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Process umount = run("umount", mountPoint.toString());
        if (umount.exitValue() != 0) {
            run("umount", "-l", mountPoint.toString());
        }
    }

    private static Process run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return process;
    }

    private static String output(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}

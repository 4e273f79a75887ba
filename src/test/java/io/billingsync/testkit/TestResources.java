package io.billingsync.testkit;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

/** One test's folder and what runs on it: closed after the test, the last opened first, then the folder removed. */
public final class TestResources implements AutoCloseable {
    private final Path root;
    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    TestResources(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public <T extends AutoCloseable> T closeAfter(T resource) {
        open.push(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        Exception failure = null;
        while (!open.isEmpty()) {
            failure = attempt(open.pop(), failure);
        }
        failure = attempt(() -> delete(root), failure);
        if (failure != null) {
            throw failure;
        }
    }

    /** Runs the step; returns the first failure so far, later ones suppressed in it. */
    private static Exception attempt(AutoCloseable step, Exception earlier) {
        try {
            step.close();
            return earlier;
        } catch (Exception e) {
            if (earlier == null) {
                return e;
            }
            earlier.addSuppressed(e);
            return earlier;
        }
    }

    private static void delete(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failed) throws IOException {
                if (failed != null) {
                    throw failed;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

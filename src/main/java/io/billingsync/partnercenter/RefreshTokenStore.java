package io.billingsync.partnercenter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * Where the refresh token lives: a file outside the repository (updated atomically, owner-only, whenever Azure
 * AD rotates the token, so the next start uses the newest), or a value from the environment.
 */
public final class RefreshTokenStore {
    private final Path file;
    private final BiConsumer<Path, byte[]> save;
    private volatile String current;
    private volatile Instant rotated;

    private RefreshTokenStore(Path file, BiConsumer<Path, byte[]> save, String current, Instant rotated) {
        this.file = file;
        this.save = save;
        this.current = current;
        this.rotated = rotated;
    }

    /** @param save writes a rotated token to the file atomically, owner-only (throws UncheckedIOException) */
    public static RefreshTokenStore fromFile(Path file, BiConsumer<Path, byte[]> save) {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (token.isEmpty()) {
                throw new AuthenticationFailedException("the refresh-token file " + file + " is empty: put the refresh "
                        + "token obtained with the one-time consent (see docs/AUTHENTICATION.md) in it");
            }
            // the file is rewritten on every rotation: its time is the last rotation's, also from an earlier run
            return new RefreshTokenStore(file, save, token, Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            throw new AuthenticationFailedException("cannot read the refresh-token file " + file + " ("
                    + e.getClass().getSimpleName() + "): check partnercenter.auth.refresh-token-file and its permissions");
        }
    }

    /** A token given in the environment; rotations are kept in memory only. */
    public static RefreshTokenStore inMemory(String token) {
        return new RefreshTokenStore(null, null, token, null);
    }

    String current() {
        return current;
    }

    /** When the token was last rotated: saved by this process, or the file's time at start; null when unknown. */
    Instant rotatedAt() {
        return rotated;
    }

    void rotated(String newToken) {
        current = newToken;
        if (file != null) {
            try {
                save.accept(file, (newToken + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (UncheckedIOException e) {
                throw new AuthenticationFailedException("cannot save the rotated refresh token to " + file
                        + ": make the file and its folder writable by the service user");
            }
        }
        rotated = Instant.now();
    }

    @Override
    public String toString() {
        return file == null ? "RefreshTokenStore[environment]" : "RefreshTokenStore[" + file + "]";
    }
}

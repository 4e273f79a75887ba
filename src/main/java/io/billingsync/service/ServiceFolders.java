package io.billingsync.service;

import io.billingsync.config.InvalidSettingsException;
import io.billingsync.records.AtomicFiles;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The service's folders, created owner-only at start-up; one that cannot be used is reported by its setting. */
final class ServiceFolders {
    private ServiceFolders() {
    }

    /** @param folders setting name to folder, in the order to report them */
    static void prepare(Map<String, Path> folders) {
        List<String> problems = new ArrayList<>();
        folders.forEach((setting, folder) -> {
            String problem = problem(folder);
            if (problem != null) {
                problems.add(setting + "=" + folder + " " + problem + ": point " + setting
                        + " at a folder the service's user can write");
            }
        });
        if (!problems.isEmpty()) {
            throw InvalidSettingsException.of(problems);
        }
    }

    private static String problem(Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            return "is a file, not a folder";
        }
        try {
            AtomicFiles.createPrivateDirectories(folder);
        } catch (UncheckedIOException e) {
            return "cannot be created (" + e.getCause().getClass().getSimpleName() + ")";
        }
        return Files.isWritable(folder) ? null : "is not writable";
    }
}

package io.billingsync.cli;

import io.billingsync.change.ChangeCursor;
import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeFileReader;
import io.billingsync.change.UnreadableChangeFileException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code validate FILE...}: checks change files offline with the same reader the service uses. */
final class ValidateCommand {
    private final ChangeFileReader reader;
    private final PrintStream out;

    ValidateCommand(ChangeFileReader reader, PrintStream out) {
        this.reader = reader;
        this.out = out;
    }

    /** @return 0 when every change of every file is valid, 1 otherwise */
    int run(List<Path> files) {
        int problems = 0;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                out.println(file + ": not a regular file");
                problems++;
                continue;
            }
            int valid = 0;
            int invalid = 0;
            try (ChangeCursor cursor = reader.open(file)) {
                while (cursor.hasNext()) {
                    ChangeEntry entry = cursor.next();
                    if (entry.valid()) {
                        valid++;
                    } else {
                        invalid++;
                        out.println(file + ": " + entry.position() + ": " + entry.problem());
                    }
                }
            } catch (UnreadableChangeFileException e) {
                out.println(file + ": " + e.getMessage());
                problems++;
                continue;
            }
            problems += invalid;
            out.println(file + ": " + valid + " valid change(s), " + invalid + " invalid");
        }
        return problems == 0 ? 0 : 1;
    }
}

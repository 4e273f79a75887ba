package io.billingsync.cli;

import io.billingsync.change.ChangeCursor;
import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeFileReader;
import io.billingsync.change.FileRules;
import io.billingsync.change.UnreadableChangeFileException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code validate FILE...}: checks change files offline with the same reader and the same rules the service uses:
 * {@code changedAt} against this machine's clock and {@code sync.changed-at.clock-skew}, the configured desired-state
 * file as such, and, with the history on, a change id given twice in a file with other content.
 */
final class ValidateCommand {
    private final ChangeFileReader reader;
    /** The configured desired-state file; null when there is none. */
    private final Path desiredState;
    private final boolean idsAreKeys;
    private final PrintStream out;

    ValidateCommand(ChangeFileReader reader, Path desiredState, boolean idsAreKeys, PrintStream out) {
        this.reader = reader;
        this.desiredState = desiredState;
        this.idsAreKeys = idsAreKeys;
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
            FileRules rules = FileRules.of(file.getFileName().toString(), isDesiredState(file), idsAreKeys);
            int valid = 0;
            int invalid = 0;
            try (ChangeCursor cursor = reader.open(file)) {
                while (cursor.hasNext()) {
                    ChangeEntry entry = cursor.next();
                    FileRules.Problem misplaced = rules.check(entry);
                    if (entry.valid() && misplaced == null) {
                        valid++;
                    } else {
                        invalid++;
                        out.println(file + ": " + entry.position() + ": " + (misplaced == null ? entry.problem() : misplaced.text()));
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

    private boolean isDesiredState(Path file) {
        try {
            return desiredState != null && Files.exists(desiredState) && Files.isSameFile(file, desiredState);
        } catch (IOException e) {
            return false;
        }
    }
}

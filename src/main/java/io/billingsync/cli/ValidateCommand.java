package io.billingsync.cli;

import io.billingsync.change.ChangeCursor;
import io.billingsync.change.ChangeEntry;
import io.billingsync.change.FileContent;
import io.billingsync.change.FileRules;
import io.billingsync.change.UnreadableChangeFileException;
import io.billingsync.mapping.InputFormats;
import io.billingsync.mapping.Mapping;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code validate FILE...}: checks files offline with the same reading and the same rules the service uses: through
 * the mapping each file's name selects (or the one given with {@code --mapping}), {@code changedAt} against this
 * machine's clock and {@code sync.changed-at.clock-skew}, the configured desired-state file as such, and, with the
 * history on, a change id given twice in a file with other content. {@code map FILE...} also prints the change
 * request each row or record becomes.
 */
final class ValidateCommand {
    private final InputFormats formats;
    /** Given with --mapping: read every file through it; null: the one each file's name selects. */
    private final Mapping forced;
    private final boolean show;
    /** The configured desired-state file; null when there is none. */
    private final Path desiredState;
    private final boolean idsAreKeys;
    private final PrintStream out;

    ValidateCommand(InputFormats formats, Mapping forced, boolean show, Path desiredState, boolean idsAreKeys,
                    PrintStream out) {
        this.formats = formats;
        this.forced = forced;
        this.show = show;
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
            Mapping mapping = forced != null ? forced : formats.mappingFor(file);
            out.println(file + ": " + (mapping == null ? "read as change requests" : "read through " + mapping.name()));
            FileRules rules = FileRules.of(file.getFileName().toString(), isDesiredState(file), idsAreKeys);
            int valid = 0;
            int invalid = 0;
            try (ChangeCursor cursor = formats.open(file, FileContent.open(file), mapping)) {
                while (cursor.hasNext()) {
                    ChangeEntry entry = cursor.next();
                    FileRules.Problem misplaced = rules.check(entry);
                    if (entry.valid() && misplaced == null) {
                        valid++;
                        if (show) {
                            out.println(file + ": " + entry.position() + ": " + new String(entry.raw(), StandardCharsets.UTF_8));
                        }
                    } else {
                        invalid++;
                        out.println(file + ": " + entry.position() + ": " + (show ? "invalid: " : "")
                                + (misplaced == null ? entry.problem() : misplaced.text()));
                    }
                }
            } catch (UnreadableChangeFileException e) {
                out.println(file + ": " + e.getMessage());
                problems++;
                continue;
            } catch (IOException e) {
                out.println(file + ": cannot be read: " + e.getMessage());
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

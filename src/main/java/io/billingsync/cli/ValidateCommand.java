package io.billingsync.cli;

import io.billingsync.change.ChangeCursor;
import io.billingsync.change.ChangeEntry;
import io.billingsync.change.FileContent;
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
 * {@code validate FILE...}: checks files offline with the same reading the service uses, through the mapping each
 * file's name selects (or the one given with {@code --mapping}); {@code map FILE...} also prints the change request
 * each row or record becomes.
 */
final class ValidateCommand {
    private final InputFormats formats;
    /** Given with --mapping: read every file through it; null: the one each file's name selects. */
    private final Mapping forced;
    private final boolean show;
    private final PrintStream out;

    ValidateCommand(InputFormats formats, Mapping forced, boolean show, PrintStream out) {
        this.formats = formats;
        this.forced = forced;
        this.show = show;
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
            int valid = 0;
            int invalid = 0;
            try (ChangeCursor cursor = formats.open(file, FileContent.open(file), mapping)) {
                while (cursor.hasNext()) {
                    ChangeEntry entry = cursor.next();
                    if (entry.valid()) {
                        valid++;
                        if (show) {
                            out.println(file + ": " + entry.position() + ": " + new String(entry.raw(), StandardCharsets.UTF_8));
                        }
                    } else {
                        invalid++;
                        out.println(file + ": " + entry.position() + ": " + (show ? "invalid: " : "") + entry.problem());
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
}

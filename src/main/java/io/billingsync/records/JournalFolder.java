package io.billingsync.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * The journals in the work folder, each named after its input file and tied to it by its header line (the file's
 * name, size and modification time), so a new file that reuses a name starts afresh.
 */
public final class JournalFolder {
    static final String SUFFIX = ".journal";

    private JournalFolder() {
    }

    /** Where the journal of the input file (or run) called {@code name} is kept. */
    public static Path pathFor(Path workDir, String name) {
        return workDir.resolve(FileNames.withSuffix(name, SUFFIX));
    }

    /** Whether an existing journal belongs to this very file (not another one that reused the name). */
    static boolean belongsTo(Path journal, OpenedFile input, boolean appendable) throws IOException {
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ)) {
            byte[] header = JournalLines.readLine(channel, 0);
            if (header == null) {
                return false;
            }
            OpenedFile.Identity journaled = RecordJson.MAPPER.readValue(header, OpenedFile.Identity.class);
            OpenedFile.Identity current = input.identity();
            boolean same = journaled.size() == current.size() && journaled.modified() == current.modified()
                    && current.file().equals(journaled.file());
            return same || appendable && input.grewFrom(journaled);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Removes journals whose input file is no longer in the inbox (archived just before a crash). */
    public static void removeOrphans(Path workDir, Path inbox) {
        if (!Files.isDirectory(workDir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(workDir)) {
            for (Path journal : entries.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                String input = inputName(journal);
                if (input == null || !Files.exists(inbox.resolve(input))) {
                    Files.deleteIfExists(journal);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + workDir + ": " + e.getMessage(), e);
        }
    }

    /** The input file's name from the journal's header (its own name may be shortened); null when unreadable. */
    private static String inputName(Path journal) {
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ)) {
            byte[] header = JournalLines.readLine(channel, 0);
            return header == null ? null : RecordJson.MAPPER.readTree(header).path("file").textValue();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

package io.billingsync.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The place a file gets in done/ survives an interruption: one record, one archived copy. */
class DoneFolderTest {
    @TempDir
    Path root;

    @Test
    void aRunInterruptedAfterTheCopyAcrossFileSystemsRemovesOnlyTheInboxCopyOnRestart() throws IOException {
        Path work = root.resolve("work");
        Path input = Files.writeString(Files.createDirectories(root.resolve("inbox")).resolve("a.json"), "[]");
        DoneFolder done = new DoneFolder(root.resolve("done"));
        Files.createDirectories(done.dir());
        Files.writeString(done.dir().resolve("a.json"), "an earlier a.json");
        Path place;
        try (Journal killed = Journal.open(work, input)) {
            place = done.placeFor(killed, "a.json");
            assertThat(place.getFileName().toString()).isEqualTo("a-2.json");
            Files.copy(input, place); // copied and renamed into place; killed before the inbox copy was removed
        }

        try (Journal resumed = Journal.open(work, input)) {
            Path again = done.placeFor(resumed, "a.json");
            assertThat(again).isEqualTo(place);
            done.archive(input, again);
        }

        assertThat(input).doesNotExist();
        assertThat(place).hasContent("[]");
        assertThat(done.dir().resolve("a.json")).hasContent("an earlier a.json");
        assertThat(done.dir().resolve("a-3.json")).doesNotExist();
    }
}

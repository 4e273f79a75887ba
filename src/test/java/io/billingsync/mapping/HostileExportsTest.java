package io.billingsync.mapping;

import static io.billingsync.mapping.MappedFilesTest.A;
import static io.billingsync.mapping.MappedFilesTest.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.billingsync.change.ChangeCursor;
import io.billingsync.change.ChangeEntry;
import io.billingsync.change.UnreadableChangeFileException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile CSV exports: the damaged row is an invalid entry with its row number; the rows beside it go on. */
class HostileExportsTest {
    static final String HEADER = "Kunde;Beleg;Firma\n";

    @TempDir
    Path dir;
    InputFormats formats;

    @BeforeEach
    void mapping() throws Exception {
        Path mapping = Files.writeString(dir.resolve("m.yaml"), """
                format: csv
                csv:
                  delimiter: ";"
                fields:
                  customerId: Kunde
                  changeId: Beleg
                  companyName: Firma
                """);
        formats = InputFormats.load(Map.of("*.csv", mapping));
    }

    private List<ChangeEntry> read(byte[] content) throws Exception {
        Path file = Files.write(dir.resolve("export.csv"), content);
        List<ChangeEntry> entries = new ArrayList<>();
        try (ChangeCursor cursor = formats.open(file)) {
            cursor.forEachRemaining(entries::add);
        }
        return entries;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String row(String customer, int n) {
        return customer + ";B-" + n + ";Firma " + n;
    }

    /** Three rows, the middle one damaged: it is invalid at row 2 with the problem, the others valid. */
    private void assertOnlyTheMiddleRowRefused(List<ChangeEntry> entries, String... problem) {
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).valid()).as(entries.get(0).problem()).isTrue();
        assertThat(entries.get(1).valid()).isFalse();
        assertThat(entries.get(1).index()).isEqualTo(1);
        assertThat(entries.get(1).position()).startsWith("row 2 ");
        assertThat(entries.get(1).problem()).contains(problem);
        assertThat(entries.get(2).valid()).as(entries.get(2).problem()).isTrue();
        assertThat(entries.get(2).index()).isEqualTo(2);
    }

    @Test
    void aByteOrderMarkInTheMiddle() throws Exception {
        assertOnlyTheMiddleRowRefused(read(utf8(HEADER + row(A, 1) + "\n\uFEFF" + row(B, 2) + "\n" + row(A, 3) + "\n")),
                "byte-order mark (U+FEFF)");
    }

    @Test
    void nulBytes() throws Exception {
        assertOnlyTheMiddleRowRefused(read(utf8(HEADER + row(A, 1) + "\n" + B + ";B-2;Fir\0ma\n" + row(A, 3) + "\n")),
                "column \"Firma\" holds a NUL character");
    }

    @Test
    void bytesNotValidInTheCharsetAreNeverPassedOnReplaced() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(HEADER + row(A, 1) + "\n" + B + ";B-2;M"));
        out.write(0xFC); // ü in Latin-1, not valid UTF-8
        out.writeBytes(utf8("ller\n" + row(A, 3) + "\n"));

        assertOnlyTheMiddleRowRefused(read(out.toByteArray()), "column \"Firma\" holds bytes that are not valid UTF-8");
    }

    @Test
    void aTenMegabyteCell() throws Exception {
        List<ChangeEntry> entries = read(utf8(HEADER + row(A, 1) + "\n" + B + ";B-2;\"" + "x".repeat(10 << 20) + "\"\n"
                + row(A, 3) + "\n"));

        assertOnlyTheMiddleRowRefused(entries, "column \"Firma\" is 10485760 characters long");
        assertThat(entries.get(1).raw().length).as("the value is not copied into the change").isLessThan(200);
        assertThat(entries.get(1).source().path("Firma").asText()).hasSizeLessThan(1100);
    }

    @Test
    void mixedLineEndingsAreRowEndsAlike() throws Exception {
        List<ChangeEntry> entries = read(utf8("Kunde;Beleg;Firma\r\n" + row(A, 1) + "\n" + row(B, 2) + "\r" + row(A, 3) + "\r\n"));

        assertThat(entries).allMatch(ChangeEntry::valid).extracting(ChangeEntry::position)
                .containsExactly("row 1 (line 2)", "row 2 (line 3)", "row 3 (line 4)");
    }

    @Test
    void aHeaderRepeated() throws Exception {
        assertOnlyTheMiddleRowRefused(read(utf8(HEADER + row(A, 1) + "\n" + HEADER + row(A, 3) + "\n")),
                "repeats the header row");
    }

    @Test
    void aColumnTheMappingReadsNamedTwiceMakesTheFileUnreadableAnotherDoesNot() throws Exception {
        UnreadableChangeFileException e = catchThrowableOfType(UnreadableChangeFileException.class,
                () -> read(utf8("Kunde;Beleg;Firma;Firma\n" + A + ";B-1;X;Y\n")));
        assertThat(e).hasMessageContaining("column \"Firma\" twice (columns 3 and 4)");

        assertThat(read(utf8("Kunde;Beleg;Firma;Notiz;Notiz\n" + A + ";B-1;X;n;m\n"))).singleElement()
                .satisfies(entry -> assertThat(entry.valid()).isTrue());
    }

    @Test
    void aWrongColumnCount() throws Exception {
        assertOnlyTheMiddleRowRefused(read(utf8(HEADER + row(A, 1) + "\n" + row(B, 2) + ";extra\n" + row(A, 3) + "\n")),
                "row 2 has 4 columns, the header 3");
    }

    @Test
    void anUnterminatedQuoteEndsTheFileAsOneInvalidEntryAfterTheRowsBeforeIt() throws Exception {
        List<ChangeEntry> entries = read(utf8(HEADER + row(A, 1) + "\n" + B + ";B-2;\"Firma 2\n" + row(A, 3) + "\n"));

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).valid()).isTrue();
        assertThat(entries.get(1).valid()).isFalse();
        assertThat(entries.get(1).position()).isEqualTo("row 2 (line 3)");
        assertThat(entries.get(1).problem()).contains("row 2 and everything after it cannot be read as CSV");
    }

    @Test
    void aRowLongerThanTheLimitStopsReadingWithoutHoldingTheRestOfTheFile() throws Exception {
        formats = formats.withMaxRowChars(1000);
        List<ChangeEntry> entries = read(utf8(HEADER + row(A, 1) + "\n" + B + ";B-2;\"" + "x".repeat(100_000) + "\n"));

        assertThat(entries).hasSize(2);
        assertThat(entries.get(1).problem()).contains("longer than");
    }
}

package io.billingsync.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChangeFileReaderTest {

    private static final String CUSTOMER = "a58ceba5-60ac-48e4-a0bc-2a855811807a";
    private static final String OTHER_CUSTOMER = "0f1e2d3c-4b5a-4697-8899-aabbccddeeff";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    private final ChangeFileReader reader = ChangeFileReader.withDefaults();

    private static String change(String customerId, String changeId) {
        return "{\"customerId\":\"" + customerId + "\",\"changeId\":\"" + changeId
                + "\",\"changes\":{\"email\":\"billing@contoso.com\"}}";
    }

    private static String change(String changeId) {
        return change(CUSTOMER, changeId);
    }

    /** An object nested {@code levels} deep, counting the outermost one. */
    private static String nested(int levels) {
        return "{\"a\":".repeat(levels - 1) + "{}" + "}".repeat(levels - 1);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withBom(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BOM);
        out.writeBytes(utf8(text));
        return out.toByteArray();
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static List<ChangeEntry> readAll(ChangeFileReader reader, Path file) throws UnreadableChangeFileException {
        List<ChangeEntry> entries = new ArrayList<>();
        try (ChangeCursor cursor = reader.open(file)) {
            cursor.forEachRemaining(entries::add);
        }
        return entries;
    }

    private List<ChangeEntry> read(String name, byte[] content) throws Exception {
        return readAll(reader, write(name, content));
    }

    private List<ChangeEntry> read(String name, String content) throws Exception {
        return read(name, utf8(content));
    }

    private UnreadableChangeFileException unreadable(ChangeFileReader reader, String name, byte[] content)
            throws IOException {
        Path file = write(name, content);
        UnreadableChangeFileException e = catchThrowableOfType(UnreadableChangeFileException.class,
                () -> readAll(reader, file));
        assertThat(e).as("%s must be unreadable", name).isNotNull();
        return e;
    }

    private UnreadableChangeFileException unreadable(String name, String content) throws IOException {
        return unreadable(reader, name, utf8(content));
    }

    private static String raw(ChangeEntry entry) {
        return new String(entry.raw(), StandardCharsets.UTF_8);
    }

    private static void assertValid(ChangeEntry entry, int index, String position, String rawText) {
        assertThat(entry.valid()).as("valid: %s", entry.problem()).isTrue();
        assertThat(entry.problem()).isNull();
        assertThat(entry.index()).isEqualTo(index);
        assertThat(entry.position()).isEqualTo(position);
        assertThat(raw(entry)).isEqualTo(rawText);
    }

    private static void assertInvalid(ChangeEntry entry, int index, String position, String... problemParts) {
        assertThat(entry.valid()).isFalse();
        assertThat(entry.change()).isNull();
        assertThat(entry.index()).isEqualTo(index);
        assertThat(entry.position()).isEqualTo(position);
        assertThat(entry.problem()).contains(problemParts);
    }

    @ParameterizedTest
    @CsvSource({"changes.ndjson,true", "changes.jsonl,true", "CHANGES.NDJSON,true", "changes.JsonL,true",
            "changes.json,false", "changes.ndjson.tmp,false", "ndjson,false", "changes.txt,false"})
    void recognisesLineDelimitedFilesByTheirExtension(String name, boolean lineDelimited) {
        assertThat(ChangeFileReader.isLineDelimited(Path.of(name))).isEqualTo(lineDelimited);
    }

    @Test
    void aFileWithOneObjectIsOneEntry() throws Exception {
        String object = change("ERP-1");

        List<ChangeEntry> entries = read("one.json", object);

        assertThat(entries).hasSize(1);
        ChangeEntry entry = entries.get(0);
        assertValid(entry, 0, "line 1, column 1", object);
        assertThat(entry.customerId()).isEqualTo(CUSTOMER);
        assertThat(entry.changeId()).isEqualTo("ERP-1");
        assertThat(entry.change().customerId()).isEqualTo(CUSTOMER);
        assertThat(entry.change().changes().path("email").asText()).isEqualTo("billing@contoso.com");
    }

    @Test
    void theRawBytesOfAnObjectDocumentLeaveOutSurroundingWhitespace() throws Exception {
        String object = "{\n  \"customerId\" : \"" + CUSTOMER + "\",\n  \"changes\" : { \"email\" : null }\n}";

        ChangeEntry entry = read("spaced.json", "  " + object + "\n\n").get(0);

        assertThat(entry.valid()).isTrue();
        assertThat(raw(entry)).isEqualTo(object);
    }

    @Test
    void anArrayGivesOneEntryPerElementWithTheElementTextAsGiven() throws Exception {
        String first = change("ERP-1");
        String second = "{ \"customerId\": \"" + OTHER_CUSTOMER + "\",\n    \"changes\": {\"Email\" : \"a@b.c\"} }";
        String third = change("ERP-3");
        String file = "[\n  " + first + ",\n  " + second + " ,\n" + third + "]\n";

        List<ChangeEntry> entries = read("many.json", file);

        assertThat(entries).hasSize(3);
        assertValid(entries.get(0), 0, "element 0 (line 2, column 3)", first);
        assertValid(entries.get(1), 1, "element 1 (line 3, column 3)", second);
        assertValid(entries.get(2), 2, "element 2 (line 5, column 1)", third);
        assertThat(entries).extracting(ChangeEntry::customerId).containsExactly(CUSTOMER, OTHER_CUSTOMER, CUSTOMER);
    }

    @Test
    void oneBadElementOfAnArrayDoesNotCostItsNeighbours() throws Exception {
        String bad = "{\"customerId\":\"not-a-guid\",\"changeId\":\"ERP-2\",\"changes\":{\"email\":\"x@y.z\"}}";
        String file = "[" + change("ERP-1") + ",\n" + bad + ",\n" + change("ERP-3") + "]";

        List<ChangeEntry> entries = read("mixed.json", file);

        assertThat(entries).extracting(ChangeEntry::valid).containsExactly(true, false, true);
        ChangeEntry invalid = entries.get(1);
        assertInvalid(invalid, 1, "element 1 (line 2, column 1)", "customerId \"not-a-guid\" is not a GUID");
        assertThat(raw(invalid)).isEqualTo(bad);
        assertThat(invalid.customerId()).isEqualTo("not-a-guid");
        assertThat(invalid.changeId()).isEqualTo("ERP-2");
    }

    @Test
    void elementsThatAreNotObjectsAreInvalidEntriesKeepingTheirText() throws Exception {
        List<ChangeEntry> entries = read("scalars.json", "[\"text\", 12.5 ,null,[1, 2]]");

        assertThat(entries).extracting(ChangeEntry::index).containsExactly(0, 1, 2, 3);
        assertThat(entries).extracting(ChangeFileReaderTest::raw).containsExactly("\"text\"", "12.5", "null", "[1, 2]");
        assertThat(entries).extracting(ChangeEntry::problem).allSatisfy(problem ->
                assertThat(problem).startsWith("a change request must be a JSON object with customerId and changes"));
        assertThat(entries).extracting(ChangeEntry::problem).map(p -> p.substring(p.lastIndexOf(", not ") + 6))
                .containsExactly("a string", "a number", "null", "an array");
    }

    @Test
    void anEmptyArrayHoldsNoEntries() throws Exception {
        assertThat(read("none.json", " [ ] ")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"changes.ndjson", "changes.jsonl", "CHANGES.NDJSON"})
    void lineDelimitedFilesNumberEntriesApartFromLinesAndSkipBlankLines(String name) throws Exception {
        String malformed = "{\"customerId\": \"" + CUSTOMER + "\" \"changes\": {}}";
        String file = lines(change("ERP-1"), "", "   \t", malformed, change("ERP-5"));

        List<ChangeEntry> entries = read(name, file);

        assertThat(entries).hasSize(3);
        assertValid(entries.get(0), 0, "line 1", change("ERP-1"));
        assertInvalid(entries.get(1), 1, "line 4", "malformed JSON at line 4, column 55",
                "was expecting comma to separate Object entries", "Fix the line and replay it.");
        assertThat(raw(entries.get(1))).isEqualTo(malformed);
        assertValid(entries.get(2), 2, "line 5", change("ERP-5"));
        assertThat(entries.get(2).changeId()).isEqualTo("ERP-5");
    }

    @Test
    void lineDelimitedFilesAcceptCrLfAndALastLineWithoutNewline() throws Exception {
        String file = change("ERP-1") + "\r\n\r\n" + change("ERP-3");

        List<ChangeEntry> entries = read("windows.ndjson", file);

        assertThat(entries).hasSize(2);
        assertValid(entries.get(0), 0, "line 1", change("ERP-1"));
        assertValid(entries.get(1), 1, "line 3", change("ERP-3"));
    }

    @Test
    void anEmptyLineDelimitedFileHoldsNoEntries() throws Exception {
        assertThat(read("empty.ndjson", "")).isEmpty();
        assertThat(read("blank.ndjson", "\n \n\r\n")).isEmpty();
    }

    @Test
    void aLineDelimitedCursorEndsLikeAnIterator() throws Exception {
        try (ChangeCursor cursor = reader.open(write("one.ndjson", utf8(lines(change("ERP-1")))))) {
            assertThat(cursor.hasNext()).isTrue();
            assertThat(cursor.hasNext()).isTrue();
            assertThat(cursor.next().changeId()).isEqualTo("ERP-1");
            assertThat(cursor.hasNext()).isFalse();
            assertThatThrownBy(cursor::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    static Stream<Arguments> badLines() {
        String duplicateId = "{\"customerId\":\"" + CUSTOMER + "\",\"customerId\":\"x\",\"changes\":{}}";
        String duplicateEmail = "{\"customerId\":\"" + CUSTOMER + "\",\"changes\":{\"email\":\"a\",\"email\":\"b\"}}";
        return Stream.of(
                Arguments.of(duplicateId, "duplicate key \"customerId\" at line 2, column "
                        + (duplicateId.lastIndexOf("\"customerId\"") + 1) + ": give each key once"),
                Arguments.of(duplicateEmail, "duplicate key \"email\" at line 2, column "
                        + (duplicateEmail.lastIndexOf("\"email\"") + 1) + ": give each key once"),
                Arguments.of(nested(33), "nested deeper than 32 levels at line 2, column 161: flatten the document"),
                Arguments.of("{\"a\":1} {\"b\":2}",
                        "unexpected content after the JSON object at line 2, column 9: put one change request per line"),
                Arguments.of("[", "malformed JSON at line 2, column 2"));
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void aBadLineIsAnInvalidEntryNamingItsLineWhileTheNextLineStillReads(String badLine, String problem)
            throws Exception {
        List<ChangeEntry> entries = read("bad-line.ndjson", lines(change("ERP-1"), badLine, change("ERP-3")));

        assertThat(entries).hasSize(3);
        assertInvalid(entries.get(1), 1, "line 2", problem);
        assertThat(raw(entries.get(1))).isEqualTo(badLine);
        assertValid(entries.get(2), 2, "line 3", change("ERP-3"));
    }

    @Test
    void aLineLongerThanTheLimitIsAnInvalidEntryAndReadingGoesOn() throws Exception {
        int limit = 200;
        ChangeFileReader small = new ChangeFileReader(new ChangeValidator(), limit,
                ChangeFileReader.DEFAULT_MAX_DOCUMENT_BYTES);
        String fits = padTo(change("ERP-1"), limit);
        String tooLong = padTo(change("ERP-2"), limit + 1);

        List<ChangeEntry> entries = readAll(small, write("long.ndjson", utf8(lines(fits, tooLong, change("ERP-3")))));

        assertThat(entries).hasSize(3);
        assertValid(entries.get(0), 0, "line 1", fits);
        assertInvalid(entries.get(1), 1, "line 2",
                "line 2 is longer than 200 bytes: a change request is far smaller; check the file");
        assertThat(entries.get(1).raw()).isEmpty();
        assertValid(entries.get(2), 2, "line 3", change("ERP-3"));
    }

    @Test
    void anArrayElementLongerThanTheLimitIsAnInvalidEntryWithoutBeingBuiltAndReadingGoesOn() throws Exception {
        int limit = 200;
        ChangeFileReader small = new ChangeFileReader(new ChangeValidator(), limit,
                ChangeFileReader.DEFAULT_MAX_DOCUMENT_BYTES);
        String fits = padInside(change("ERP-1"), limit);
        String tooLong = padInside(change("ERP-2"), limit + 1);

        String longString = "\"" + "x".repeat(limit) + "\"";

        List<ChangeEntry> entries = readAll(small, write("long.json",
                utf8("[" + fits + ",\n" + tooLong + ",\n" + change("ERP-3") + ",\n" + longString + "]")));

        assertThat(entries).hasSize(4);
        assertInvalid(entries.get(3), 3, "element 3 (line 4, column 1)", "longer than 200 bytes");
        assertValid(entries.get(0), 0, "element 0 (line 1, column 2)", fits);
        assertInvalid(entries.get(1), 1, "element 1 (line 2, column 1)",
                "element 1 (line 2, column 1) is longer than 200 bytes: a change request is far smaller; check the file");
        assertThat(entries.get(1).raw()).isEmpty();
        assertValid(entries.get(2), 2, "element 2 (line 3, column 1)", change("ERP-3"));
    }

    /** The object made exactly {@code length} bytes long by spaces before its closing brace. */
    private static String padInside(String object, int length) {
        return object.substring(0, object.length() - 1) + " ".repeat(length - object.length()) + "}";
    }

    private static String padTo(String object, int length) {
        return object + " ".repeat(length - object.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"one.json", "one.ndjson"})
    void aByteOrderMarkIsStripped(String name) throws Exception {
        String object = change("ERP-1");

        ChangeEntry entry = read(name, withBom(object)).get(0);

        assertThat(entry.valid()).as("valid: %s", entry.problem()).isTrue();
        assertThat(raw(entry)).isEqualTo(object);
    }

    @Test
    void aByteOrderMarkBeforeAnArrayLeavesTheElementTextExact() throws Exception {
        List<ChangeEntry> entries = read("bom.json", withBom("[" + change("ERP-1") + ",\n " + change("ERP-2") + "]"));

        assertValid(entries.get(0), 0, "element 0 (line 1, column 2)", change("ERP-1"));
        assertValid(entries.get(1), 1, "element 1 (line 2, column 2)", change("ERP-2"));
    }

    @Test
    void linesOfConcatenatedFilesMayEachStartWithAByteOrderMark() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(withBom(change("ERP-1") + "\n"));
        file.writeBytes(withBom(change("ERP-2") + "\n"));

        List<ChangeEntry> entries = read("boms.ndjson", file.toByteArray());

        assertThat(entries).allMatch(ChangeEntry::valid);
        assertThat(entries).extracting(ChangeEntry::changeId).containsExactly("ERP-1", "ERP-2");
        assertThat(raw(entries.get(0))).isEqualTo(change("ERP-1"));
    }

    @Test
    void aDuplicateKeyInADocumentRejectsOnlyItsElement() throws Exception {
        String duplicate = "{\"customerId\":\"" + CUSTOMER + "\",\"changes\":{\"email\":\"a@b.c\",\n\"email\":\"d@e.f\"}}";

        List<ChangeEntry> entries = read("dup.json", "[" + change("ERP-1") + ",\n" + duplicate + "]");

        assertThat(entries.get(0).valid()).isTrue();
        assertInvalid(entries.get(1), 1, "element 1 (line 2, column 1)",
                "duplicate key \"email\" at line 3, column 1: give each key once");
        assertThat(raw(entries.get(1))).isEqualTo(duplicate);
    }

    @Test
    void nestingDeeperThanThirtyTwoLevelsRejectsOnlyItsElement() throws Exception {
        List<ChangeEntry> entries = read("deep.json", "[" + nested(32) + ",\n" + nested(33) + "," + change("ERP-3") + "]");

        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).problem()).doesNotContain("nested").contains("unknown field \"a\"");
        assertInvalid(entries.get(1), 1, "element 1 (line 2, column 1)",
                "nested deeper than 32 levels at line 2, column 161: flatten the document");
        assertThat(raw(entries.get(1))).isEqualTo(nested(33));
        assertThat(entries.get(2).valid()).isTrue();
    }

    @Test
    void absurdNestingMakesADocumentUnreadableAtItsPlace() throws Exception {
        UnreadableChangeFileException e = unreadable("abyss.json", "[".repeat(5000) + "]".repeat(5000));

        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(1002);
        assertThat(e).hasMessageStartingWith("abyss.json cannot be read as change requests at line 1, column 1002: "
                        + "malformed JSON: Document nesting depth (1001) exceeds the maximum allowed")
                .hasMessageEndingWith("Fix the file and drop it into the inbox again.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n\t\r\n", "\uFEFF"})
    void anEmptyDocumentIsUnreadable(String content) throws Exception {
        UnreadableChangeFileException e = unreadable("empty.json", content);

        assertThat(e).hasMessage("empty.json is empty: it must hold a change request object or an array of them");
        assertThat(e.line()).isNull();
        assertThat(e.column()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            true        | 1 | 1 | true
            '\n  false' | 2 | 3 | false
            ' null'     | 1 | 2 | null
            """)
    void aDocumentThatIsNeitherObjectNorArrayIsUnreadableAtItsPlace(String content, int line, int column,
                                                                     String found) throws Exception {
        UnreadableChangeFileException e = unreadable("scalar.json", content);

        assertThat(e.line()).isEqualTo(line);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e).hasMessage("scalar.json cannot be read as change requests at line " + line + ", column " + column
                + ": the document must be a change request object or an array of them, not " + found
                + ". Fix the file and drop it into the inbox again.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            42           | number
            '"a string"' | string
            """)
    void aTopLevelNumberOrStringIsNamedForWhatItIs(String content, String kind) throws Exception {
        assertThat(unreadable("scalar.json", content))
                .hasMessageContaining("must be a change request object or an array of them, not")
                .hasMessageContaining(kind)
                .hasMessageNotContaining("not null");
    }

    @Test
    void aSecondDocumentAfterTheFirstIsUnreadableSuggestingAnArrayOrNdjson() throws Exception {
        UnreadableChangeFileException e = unreadable("two.json", change("ERP-1") + "\n  " + change("ERP-2"));

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(3);
        assertThat(e).hasMessage("two.json cannot be read as change requests at line 2, column 3: unexpected content"
                + " after the end of the document (several objects? wrap them in [ ] or use NDJSON)."
                + " Fix the file and drop it into the inbox again.");
    }

    @Test
    void garbageAfterTheDocumentIsMalformedJson() throws Exception {
        UnreadableChangeFileException e = unreadable("tail.json", "[" + change("ERP-1") + "]\n,");

        assertThat(e.line()).isEqualTo(2);
        assertThat(e).hasMessageStartingWith("tail.json cannot be read as change requests at line 2, column ")
                .hasMessageContaining("malformed JSON: ");
    }

    @Test
    void malformedJsonMakesTheWholeDocumentUnreadableAtItsPlace() throws Exception {
        String file = "[" + change("ERP-1") + ",\n {\"customerId\": }]";

        UnreadableChangeFileException e = unreadable("broken.json", file);

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(17);
        assertThat(e).hasMessage("broken.json cannot be read as change requests at line 2, column 17: malformed JSON:"
                + " Unexpected character ('}' (code 125)): expected a value. Fix the file and drop it into the inbox"
                + " again.");
    }

    @Test
    void aDocumentOverTheSizeLimitIsUnreadableSuggestingNdjson() throws Exception {
        ChangeFileReader small = new ChangeFileReader(new ChangeValidator(), ChangeFileReader.DEFAULT_MAX_LINE_BYTES, 100);
        String file = "[" + change("ERP-1") + "]";

        UnreadableChangeFileException e = unreadable(small, "big.json", utf8(file));

        assertThat(e).hasMessage("big.json is " + file.length() + " bytes, more than the 100 a JSON document may have:"
                + " split it, or write it as NDJSON (one change per line, .ndjson)");
        assertThat(e.line()).isNull();
    }

    @Test
    void aDocumentExactlyAtTheSizeLimitIsRead() throws Exception {
        String object = change("ERP-1");
        ChangeFileReader exact = new ChangeFileReader(new ChangeValidator(), ChangeFileReader.DEFAULT_MAX_LINE_BYTES,
                object.length());

        assertThat(readAll(exact, write("exact.json", utf8(object)))).singleElement()
                .satisfies(entry -> assertThat(entry.valid()).isTrue());
    }

    @Test
    void theDocumentSizeLimitDoesNotApplyToLineDelimitedFiles() throws Exception {
        ChangeFileReader small = new ChangeFileReader(new ChangeValidator(), ChangeFileReader.DEFAULT_MAX_LINE_BYTES, 100);
        String file = lines(change("ERP-1"), change("ERP-2"), change("ERP-3"));

        List<ChangeEntry> entries = readAll(small, write("big.ndjson", utf8(file)));

        assertThat(entries).extracting(ChangeEntry::changeId).containsExactly("ERP-1", "ERP-2", "ERP-3");
        assertThat(entries).allMatch(ChangeEntry::valid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gone.json", "gone.ndjson"})
    void aFileThatCannotBeOpenedIsUnreadable(String name) {
        assertThatThrownBy(() -> reader.open(dir.resolve(name)))
                .isInstanceOf(UnreadableChangeFileException.class)
                .hasMessageStartingWith(name + " cannot be read: ")
                .hasMessageEndingWith("Check that it is a readable regular file and drop it into the inbox again.");
    }

    static Stream<String> limitBreakingLines() {
        return Stream.of("[".repeat(2000) + "]".repeat(2000), "{\"customerId\":" + "1".repeat(1500) + "}");
    }

    @ParameterizedTest
    @MethodSource("limitBreakingLines")
    void aLineBreakingAParserLimitIsAnInvalidEntryWhileTheNextLineStillReads(String badLine) throws Exception {
        List<ChangeEntry> entries = read("limits.ndjson", lines(change("ERP-1"), badLine, change("ERP-3")));

        assertThat(entries).hasSize(3);
        assertInvalid(entries.get(1), 1, "line 2", "malformed JSON at line 2");
        assertValid(entries.get(2), 2, "line 3", change("ERP-3"));
    }

    @Test
    void theOneObjectOfADocumentIsPlacedWhereItStarts() throws Exception {
        ChangeEntry entry = read("late.json", "\n\n  " + change("ERP-1")).get(0);

        assertThat(entry.position()).isEqualTo("line 3, column 3");
    }
}

package io.billingsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingsync.change.ChangeCursor;
import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeFileReader;
import io.billingsync.change.UnreadableChangeFileException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files read through mappings chosen by their names: the change request each row or record becomes, and where. */
class MappedFilesTest {
    static final String A = "a58ceba5-60ac-48e4-a0bc-2a855811807a";
    static final String B = "0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    static final Charset CP1252 = Charset.forName("windows-1252");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CSV_MAPPING = """
            format: csv
            csv:
              delimiter: ";"
              charset: windows-1252
            fields:
              customerId: Kunde
              changeId: Beleg
              companyName: Firma
              defaultAddress.city: Ort
              defaultAddress.addressLine2: {column: Zusatz, empty: clear}
            """;

    @TempDir
    Path dir;

    InputFormats formats(String pattern, String mapping) throws Exception {
        Path file = Files.writeString(dir.resolve("mapping-" + Math.abs(pattern.hashCode()) + ".yaml"), mapping);
        Map<String, Path> bound = new LinkedHashMap<>();
        bound.put(pattern, file);
        return InputFormats.load(bound);
    }

    List<ChangeEntry> read(InputFormats formats, String name, byte[] content) throws Exception {
        Path file = Files.write(dir.resolve(name), content);
        List<ChangeEntry> entries = new ArrayList<>();
        try (ChangeCursor cursor = formats.open(file)) {
            cursor.forEachRemaining(entries::add);
        }
        return entries;
    }

    List<ChangeEntry> csv(String text) throws Exception {
        return read(formats("sap-*.csv", CSV_MAPPING), "sap-1.csv", text.getBytes(CP1252));
    }

    static JsonNode request(ChangeEntry entry) throws Exception {
        return JSON.readTree(entry.raw());
    }

    @Test
    void aWindows1252CsvWithQuotedLineBreaksBecomesOneChangePerRowAtItsRowAndLine() throws Exception {
        List<ChangeEntry> entries = csv("Kunde;Beleg;Firma;Ort;Zusatz;Notiz\r\n"
                + A + ";B-1;Müller & Söhne;Düsseldorf;;\"zwei\r\nZeilen; mit Trenner\"\r\n"
                + "\r\n"
                + B + ";B-2;;Köln;\"3. OG\";\n");

        assertThat(entries).extracting(ChangeEntry::position).containsExactly("row 1 (line 2)", "row 2 (line 5)");
        assertThat(entries).extracting(ChangeEntry::index).containsExactly(0, 1);
        assertThat(entries).allMatch(ChangeEntry::valid);
        assertThat(request(entries.get(0)).toString()).isEqualTo("{\"customerId\":\"" + A + "\",\"changeId\":\"B-1\","
                + "\"changes\":{\"companyName\":\"Müller & Söhne\",\"defaultAddress\":{\"city\":\"Düsseldorf\",\"addressLine2\":null}}}");
        assertThat(entries.get(1).change().changes().toString())
                .as("an empty cell changes nothing unless the mapping clears it")
                .isEqualTo("{\"defaultAddress\":{\"city\":\"Köln\",\"addressLine2\":\"3. OG\"}}");
        assertThat(entries.get(0).source().path("Notiz").asText()).isEqualTo("zwei\r\nZeilen; mit Trenner");
    }

    @Test
    void aUtf8ByteOrderMarkIsSkippedWhenTheMappingReadsUtf8AndNamedWhenItDoesNot() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(bom);
        file.writeBytes(("Kunde;Beleg;Firma;Ort;Zusatz\n" + A + ";B-1;Ärger GmbH;;\n").getBytes(StandardCharsets.UTF_8));
        InputFormats utf8 = formats("*.csv", CSV_MAPPING.replace("windows-1252", "UTF-8"));

        List<ChangeEntry> entries = read(utf8, "utf8.csv", file.toByteArray());
        assertThat(entries).singleElement().satisfies(e -> assertThat(e.change().changes().path("companyName").asText())
                .isEqualTo("Ärger GmbH"));

        UnreadableChangeFileException e = catchThrowableOfType(UnreadableChangeFileException.class,
                () -> read(formats("*.csv", CSV_MAPPING), "bom.csv", file.toByteArray()));
        assertThat(e).hasMessageContaining("starts with a UTF-8 byte-order mark", "windows-1252", "charset: UTF-8");
    }

    @Test
    void aColumnTheHeaderLacksMakesTheWholeFileUnreadableNamingTheMappingLine() throws Exception {
        UnreadableChangeFileException e = catchThrowableOfType(UnreadableChangeFileException.class,
                () -> csv("Kunde;Beleg;Firma;Stadt;Zusatz\n" + A + ";B-1;X;Y;\n"));

        assertThat(e).hasMessageContaining("sap-1.csv cannot be mapped", "no column \"Ort\"", "line 9",
                "Its columns: Kunde, Beleg, Firma, Stadt, Zusatz");
    }

    @Test
    void aValidatorProblemNamesTheColumnTheValueCameFrom() throws Exception {
        List<ChangeEntry> entries = csv("Kunde;Beleg;Firma;Ort;Zusatz\nnot-a-guid;B-1;X;Y;\n");

        assertThat(entries.get(0).valid()).isFalse();
        assertThat(entries.get(0).problem()).contains("is not a GUID", "(from column \"Kunde\")");
        assertThat(request(entries.get(0)).path("customerId").asText()).as("the dead letter holds the mapped change")
                .isEqualTo("not-a-guid");
    }

    @Test
    void anErpsJsonEnvelopeIsReadRecordByRecordThroughJsonata() throws Exception {
        InputFormats formats = formats("crm-*.json", """
                format: json
                records: d.results
                fields:
                  customerId: tenant
                  changeId: $string(version)
                  email: contact.mail
                  defaultAddress.country: "$uppercase(country)"
                """);
        String doc = "{\"d\": {\"__count\": 2, \"results\": ["
                + "{\"tenant\": \"" + A + "\", \"version\": 17, \"contact\": {\"mail\": \"a@contoso.com\"}, \"country\": \"de\"},"
                + "{\"tenant\": \"" + B + "\", \"version\": 18, \"contact\": {\"mail\": 42}}"
                + "], \"next\": null}, \"trailer\": [1, 2]}";

        List<ChangeEntry> entries = read(formats, "crm-7.json", doc.getBytes(StandardCharsets.UTF_8));

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).position()).startsWith("record 0 (line 1, column ");
        assertThat(request(entries.get(0)).toString()).isEqualTo("{\"customerId\":\"" + A + "\",\"changeId\":\"17\","
                + "\"changes\":{\"email\":\"a@contoso.com\",\"defaultAddress\":{\"country\":\"DE\"}}}");
        assertThat(entries.get(1).valid()).isFalse();
        assertThat(entries.get(1).problem()).contains("gave a number for email, not text");
        assertThat(entries.get(1).source().path("version").asInt()).isEqualTo(18);
    }

    @Test
    void ndjsonRecordsAreMappedLineByLineAndAFileNoPatternNamesIsReadAsChangeRequests() throws Exception {
        InputFormats formats = formats("crm-*.ndjson", "format: json\nfields:\n  customerId: t\n  email: m\n");
        String lines = "{\"t\": \"" + A + "\", \"m\": \"x@contoso.com\"}\n{\"t\": \"" + B + "\", \"m\": \"y@contoso.com\", \"m\": 1}\n";

        List<ChangeEntry> mapped = read(formats, "crm-1.ndjson", lines.getBytes(StandardCharsets.UTF_8));
        assertThat(mapped.get(0).valid()).isTrue();
        assertThat(mapped.get(1).problem()).contains("duplicate key \"m\"");
        assertThat(new String(mapped.get(1).raw(), StandardCharsets.UTF_8)).as("dead letter of a record that cannot be mapped").isEqualTo("{}");

        List<ChangeEntry> plain = read(formats, "other.ndjson", lines.getBytes(StandardCharsets.UTF_8));
        assertThat(plain.get(0).problem()).contains("unknown field \"t\"");
        assertThat(formats.mappingFor(Path.of("crm-1.3.json"))).as("a dead letter's name").isNull();
    }

    @Test
    void anEnvelopeWithoutTheRecordsPathIsUnreadable() throws Exception {
        InputFormats formats = formats("crm-*.json", "format: json\nrecords: value\nfields:\n  customerId: t\n  email: m\n");

        UnreadableChangeFileException e = catchThrowableOfType(UnreadableChangeFileException.class,
                () -> read(formats, "crm-2.json", "{\"values\": []}".getBytes(StandardCharsets.UTF_8)));

        assertThat(e).hasMessageContaining("has no array of records at \"value\"");
    }

    @Test
    void aMappedRowsChangedAtAheadOfTheClockIsRefusedAsAChangeRequestsWouldBe() throws Exception {
        String mapping = """
                format: csv
                fields:
                  customerId: customer
                  changedAt: changed
                  email: email
                """;
        Clock now = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
        InputFormats formats = formats("erp-*.csv", mapping)
                .readingWith(ChangeFileReader.withClock(now, Duration.ofMinutes(5)));

        List<ChangeEntry> entries = read(formats, "erp-1.csv", ("customer,changed,email\n"
                + A + ",2099-01-01T00:00:00Z,typo@contoso.com\n"
                + B + ",2026-12-03T10:04:00Z,fine@contoso.com\n").getBytes(StandardCharsets.UTF_8));

        assertThat(entries.get(0).valid()).isFalse();
        assertThat(entries.get(0).position()).isEqualTo("row 1 (line 2)");
        assertThat(entries.get(0).problem()).contains("in the future").contains("column \"changed\"");
        assertThat(entries.get(1).valid()).as(entries.get(1).problem()).isTrue();
    }
}

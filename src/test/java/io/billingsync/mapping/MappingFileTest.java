package io.billingsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mapping file is checked whole before anything is read: each mistake named with the file, its line and the fix. */
class MappingFileTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("erp-mapping.yaml"), yaml, StandardCharsets.UTF_8);
    }

    private String mistakes(String yaml) throws Exception {
        Path file = write(yaml);
        InvalidMappingException e = catchThrowableOfType(InvalidMappingException.class, () -> MappingFile.load(file));
        assertThat(e).as("a mistake in:%n%s", yaml).isNotNull();
        return e.getMessage();
    }

    @Test
    void theShippedMappingsAreValid() {
        Mapping sap = MappingFile.load(Path.of("config", "sap-kunden-mapping.yaml"));
        Mapping dynamics = MappingFile.load(Path.of("config", "dynamics-accounts-mapping.yaml"));

        assertThat(sap.format()).isEqualTo(Mapping.Format.CSV);
        assertThat(sap.csv().delimiter()).isEqualTo(';');
        assertThat(sap.csv().charset().name()).isEqualTo("windows-1252");
        assertThat(sap.fields()).extracting(FieldRule::target).contains("customerId", "changedAt", "defaultAddress.city");
        assertThat(dynamics.format()).isEqualTo(Mapping.Format.JSON);
        assertThat(dynamics.records()).containsExactly("value");
    }

    @Test
    void anUnknownTargetFieldIsNamedWithItsLineAndTheFieldsThatExist() throws Exception {
        String message = mistakes("""
                format: csv
                fields:
                  customerId: Kunde
                  emial: E-Mail
                """);

        assertThat(message).contains(dir.resolve("erp-mapping.yaml") + ", line 4: \"emial\" is not a field a change can set",
                "email", "defaultAddress.postalCode");
    }

    @Test
    void aJsonataExpressionThatDoesNotParseIsNamedWithItsLineAndWhereItFails() throws Exception {
        String message = mistakes("""
                format: json
                records: value
                fields:
                  customerId: tenant
                  email: "contacts[0.email"
                """);

        assertThat(message).contains("line 5: the JSONata expression for email is not valid", "at character",
                "`contacts[0.email`");
    }

    @Test
    void withoutCustomerIdTheMappingIsRefused() throws Exception {
        assertThat(mistakes("""
                format: csv
                fields:
                  email: E-Mail
                """)).contains("line 3: no customerId", "add `customerId: <column>` under fields");
    }

    @Test
    void everyMistakeIsReportedAtOnce() throws Exception {
        String message = mistakes("""
                format: csv
                csv:
                  delimiter: ";;"
                  charset: klingon-8
                fields:
                  customerId:
                    column: Kunde
                    empty: clear
                  email: {jsonata: "a.b", column: Mail}
                  companyName: {colum: Firma}
                """);

        assertThat(message).contains("line 3: delimiter must be one character", "line 4: charset klingon-8 is not known",
                "line 7: customerId cannot be cleared", "line 9: email needs one source", "line 10: unknown key \"colum\"");
    }

    @Test
    void aColumnInAJsonMappingAndAnUnknownFormatAreRefused() throws Exception {
        assertThat(mistakes("format: json\nfields:\n  customerId: {column: Kunde}\n  email: mail\n"))
                .contains("line 3: customerId: JSON records have no columns");
        assertThat(mistakes("format: xml\nfields:\n  customerId: Kunde\n")).contains("line 1: format: xml is not known");
    }

    @Test
    void yamlThatDoesNotParseIsNamedWithItsLine() throws Exception {
        assertThat(mistakes("format: csv\nfields:\n  customerId: Kunde\n  email: [E-Mail\n")).contains("line 5", "not valid YAML");
    }

    @Test
    void loadingReportsTheMistakesOfEveryBoundMappingFile() throws Exception {
        Path bad = write("format: csv\nfields:\n  email: E-Mail\n");
        Path missing = dir.resolve("nowhere.yaml");

        InvalidMappingException e = catchThrowableOfType(InvalidMappingException.class,
                () -> InputFormats.load(Map.of("a-*.csv", bad, "b-*.csv", missing)));

        assertThat(e.getMessage()).contains("erp-mapping.yaml, line 3: no customerId", "nowhere.yaml: cannot be read");
    }
}

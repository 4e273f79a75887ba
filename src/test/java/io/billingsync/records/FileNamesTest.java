package io.billingsync.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void aNameThatFitsKeepsItsSuffixUnchanged() {
        assertThat(FileNames.withSuffix("erp.json", ".result.json")).isEqualTo("erp.json.result.json");
        String exact = "a".repeat(243);
        assertThat(FileNames.withSuffix(exact, ".result.json")).isEqualTo(exact + ".result.json");
    }

    @Test
    void aNameTooLongForItsSuffixIsCutAndMarkedWithItsHashAndKeepsTheSuffix() {
        String name = "a".repeat(250) + ".json";
        String derived = FileNames.withSuffix(name, ".result.json");
        assertThat(FileNames.utf8Length(derived)).isEqualTo(FileNames.MAX_BYTES);
        assertThat(derived).startsWith("a".repeat(100)).endsWith(".result.json").matches(".*~[0-9a-f]{8}\\.result\\.json");
        assertThat(FileNames.withSuffix(name, ".result.json")).as("the same every time").isEqualTo(derived);
        assertThat(FileNames.withSuffix("a".repeat(250) + ".jsob", ".result.json")).as("distinct names stay distinct")
                .isNotEqualTo(derived);
    }

    @Test
    void multiByteCharactersAreNeverSplit() {
        String name = "é".repeat(127) + ".json"; // 259 bytes
        String derived = FileNames.withSuffix(name, ".journal");
        assertThat(FileNames.utf8Length(derived)).isLessThanOrEqualTo(FileNames.MAX_BYTES);
        assertThat(derived).matches("é+~[0-9a-f]{8}\\.journal");
    }

    @Test
    void aSuffixTooLongToKeepIsCutWithTheName() {
        String derived = FileNames.withSuffix("x", "." + "s".repeat(300));
        assertThat(FileNames.utf8Length(derived)).isEqualTo(FileNames.MAX_BYTES);
        assertThat(derived).startsWith("x.sss").matches(".*~[0-9a-f]{8}");
    }
}

package io.billingsync.partnercenter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DurationSettingTest {

    @ParameterizedTest
    @CsvSource({
            "PT15M, PT15M",
            "P1D, PT24H",
            "pt30s, PT30S",
            "PT0.5S, PT0.5S",
            "500ms, PT0.5S",
            "30s, PT30S",
            "15m, PT15M",
            "2h, PT2H",
            "1d, PT24H",
            "1h30m, PT1H30M",
            "' 15M ', PT15M",
            "0s, PT0S"})
    void acceptsIsoAndShortForms(String value, String expected) {
        assertThat(DurationSetting.parse(value)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "15", "15 minutes", "m15", "1.5h", "-5m", "PT-5M", "P1M", "1w",
            "99999999999999999999d", "999999999999999999d"})
    void rejectsOtherFormsNamingTheValueAndTheAcceptedOnes(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> DurationSetting.parse(value))
                .withMessageContaining(value.isBlank() ? "a duration is required" : "'" + value.strip() + "'")
                .withMessageContaining("PT15M")
                .withMessageContaining("30s");
    }

    @ParameterizedTest
    @NullSource
    void rejectsNull(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> DurationSetting.parse(value))
                .withMessageContaining("500ms");
    }
}

package io.billingsync.partnercenter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IfMatchTest {

    @Test
    void quotesABareEtag() {
        assertThat(IfMatch.header("AAAAAB+ZWw=")).isEqualTo("\"AAAAAB+ZWw=\"");
    }

    @Test
    void doesNotDoubleQuote() {
        assertThat(IfMatch.header("\"abc\"")).isEqualTo("\"abc\"");
    }

    @Test
    void dropsTheWeakPrefix() {
        assertThat(IfMatch.header("W/\"abc\"")).isEqualTo("\"abc\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\"\"", "a\"b", "a\r\nX-Evil: 1"})
    void refusesWhatCannotBeSent(String etag) {
        assertThatIllegalArgumentException().isThrownBy(() -> IfMatch.header(etag));
    }

    @Test
    void refusesNull() {
        assertThatIllegalArgumentException().isThrownBy(() -> IfMatch.header(null));
    }
}

package io.billingsync.partnercenter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StaticTokenProviderTest {

    @Test
    void alwaysGivesTheSameTokenAndCannotRefresh() {
        StaticTokenProvider tokens = new StaticTokenProvider("tok-123");

        tokens.invalidate("tok-123");

        assertThat(tokens.accessToken()).isEqualTo("tok-123");
        assertThat(tokens.canRefresh()).isFalse();
    }

    @Test
    void neverShowsTheToken() {
        StaticTokenProvider tokens = new StaticTokenProvider("tok-123");

        assertThat(tokens.toString()).doesNotContain("tok-123");
        assertThat(new BearerAuthorization(tokens).toString()).doesNotContain("tok-123");
    }

    @Test
    void refusesAnEmptyTokenWithoutEchoingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> new StaticTokenProvider("  "))
                .withMessageContaining("empty");
        assertThatIllegalArgumentException().isThrownBy(() -> new StaticTokenProvider(null));
    }
}

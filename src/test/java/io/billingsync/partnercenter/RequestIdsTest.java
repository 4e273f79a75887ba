package io.billingsync.partnercenter;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {

    @Test
    void givesFreshGuids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String request = RequestIds.newRequestId();
            String correlation = RequestIds.newCorrelationId();
            assertThat(UUID.fromString(request).toString()).isEqualTo(request);
            assertThat(UUID.fromString(correlation).toString()).isEqualTo(correlation);
            assertThat(seen.add(request)).isTrue();
            assertThat(seen.add(correlation)).isTrue();
        }
    }
}

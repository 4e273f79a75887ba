package io.billingsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingsync.config.InvalidSettingsException;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LeaderSettingsTest {

    private static Properties of(String... pairs) {
        Properties properties = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    @Test
    void defaultsTakeOverFromAKilledLeaderWithinSeconds() {
        LeaderSettings settings = LeaderSettings.from(of());
        assertThat(settings.acquireInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.staleAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.heartbeatTimeoutMultiplier()).isEqualTo(3);
        assertThat(settings.onceWait()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void stalenessIsRoundedUpToWholeIntervals() {
        assertThat(LeaderSettings.from(of("sync.leader.acquire-interval", "2s", "sync.leader.stale-after", "5s"))
                .heartbeatTimeoutMultiplier()).isEqualTo(3);
    }

    @Test
    void settingsThatCannotWorkAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> LeaderSettings.from(of("sync.leader.stale-after", "500ms")))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("sync.leader.stale-after")
                .hasMessageContaining("at least as long");
        assertThatThrownBy(() -> LeaderSettings.from(of("sync.leader.once-wait", "4s")))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("sync.leader.once-wait")
                .hasMessageContaining("at least 5s");
        assertThatThrownBy(() -> LeaderSettings.from(of("sync.leader.acquire-interval", "0s")))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("sync.leader.acquire-interval=0s");
        assertThatThrownBy(() -> LeaderSettings.from(of("sync.leader.acquire-interval", "soon")))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("sync.leader.acquire-interval");
    }
}

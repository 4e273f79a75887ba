package io.billingsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingsync.config.InvalidSettingsException;
import io.billingsync.config.SyncSettings;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LeaderSettingsTest {

    /** Through the settings as the service reads them: one place parses the durations. */
    private static LeaderSettings of(String... pairs) {
        Properties properties = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return LeaderSettings.from(SyncSettings.offline(properties));
    }

    @Test
    void defaultsTakeOverFromAKilledLeaderWithinSeconds() {
        LeaderSettings settings = of();
        assertThat(settings.acquireInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.staleAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.heartbeatTimeoutMultiplier()).isEqualTo(3);
        assertThat(settings.onceWait()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void kubernetesDefaultsHandTheLeaseOverWithinTenSeconds() {
        LeaderSettings settings = of();
        assertThat(settings.leaseDuration()).isEqualTo(Duration.ofSeconds(8));
        assertThat(settings.renewDeadline()).isEqualTo(Duration.ofSeconds(6));
        assertThat(settings.retryPeriod()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.leaseDuration().plus(settings.retryPeriod().multipliedBy(2))).isLessThanOrEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void leaseTimingCamelWouldRefuseIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> of("sync.cluster.kubernetes.renew-deadline", "8s"))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("sync.cluster.kubernetes.renew-deadline (8s)")
                .hasMessageContaining("not shorter than sync.cluster.kubernetes.lease-duration (8s)");
        assertThatThrownBy(() -> of("sync.cluster.kubernetes.retry-period", "5s"))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("sync.cluster.kubernetes.renew-deadline (6s)")
                .hasMessageContaining("sync.cluster.kubernetes.retry-period (5s)");
        assertThatThrownBy(() -> of("sync.cluster.kubernetes.lease-duration", "500ms", "sync.cluster.kubernetes.renew-deadline", "300ms"))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("sync.cluster.kubernetes.lease-duration=500ms");
        assertThatThrownBy(() -> of("sync.cluster.kubernetes.retry-period", "0s"))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("sync.cluster.kubernetes.retry-period=0s");
    }

    @Test
    void stalenessIsRoundedUpToWholeIntervals() {
        assertThat(of("sync.leader.acquire-interval", "2s", "sync.leader.stale-after", "5s")
                .heartbeatTimeoutMultiplier()).isEqualTo(3);
    }

    @Test
    void settingsThatCannotWorkAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> of("sync.leader.stale-after", "500ms"))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("sync.leader.stale-after")
                .hasMessageContaining("at least as long");
        assertThatThrownBy(() -> of("sync.leader.once-wait", "4s"))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("sync.leader.once-wait")
                .hasMessageContaining("at least 5s");
        assertThatThrownBy(() -> of("sync.leader.acquire-interval", "0s"))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("sync.leader.acquire-interval=0s");
        assertThatThrownBy(() -> of("sync.leader.acquire-interval", "soon"))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("sync.leader.acquire-interval");
    }
}

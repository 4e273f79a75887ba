package io.billingsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.timer.TimerEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The routes read the duration settings themselves: Camel gets each in a form it reads as the service does. */
class CamelPlaceholdersTest {

    @Test
    void durationsWrittenAsIso8601OrInUpperCaseReachCamelsOptionsUnchanged() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("partnercenter.base-url", "https://api.partnercenter.microsoft.com/");
        properties.setProperty("partnercenter.token", "x");
        properties.setProperty("sync.inbox.quiet-period", "PT2.5S");
        properties.setProperty("sync.inbox.poll-interval", "3S");
        properties.setProperty("sync.desired-state.period", "1h30m");
        CamelPlaceholders.addTo(SyncSettings.from(properties), properties);

        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setOverrideProperties(properties);
            FileEndpoint inbox = camel.getEndpoint("file:inbox?readLockMinAge={{sync.inbox.quiet-period}}"
                    + "&delay={{sync.inbox.poll-interval}}", FileEndpoint.class);
            TimerEndpoint timer = camel.getEndpoint("timer:t?period={{sync.desired-state.period}}", TimerEndpoint.class);

            assertThat(inbox.getReadLockMinAge()).isEqualTo(2500);
            assertThat(inbox.getDelay()).isEqualTo(3000);
            assertThat(timer.getPeriod()).isEqualTo(90 * 60 * 1000);
        }
        assertThat(properties.getProperty("partnercenter.base-url")).isEqualTo("https://api.partnercenter.microsoft.com");
    }
}

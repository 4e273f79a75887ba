package io.billingsync.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped alert rules pass {@code promtool check rules} and their unit tests ({@code promtool test rules}), and
 * every query of the Grafana dashboard is valid PromQL (checked by promtool as recording rules).
 */
class AlertRulesTest {
    static final String RULES = "billing-profile-sync.rules.yml";
    static final String RULE_TESTS = "billing-profile-sync.rules.test.yml";
    /** The refresh-token age rule's test: 60 days, evaluated hourly rather than every minute. */
    static final String TOKEN_AGE_TESTS = "billing-profile-sync.token-age.test.yml";
    static final Path DASHBOARD = Promtool.MONITORING.resolve("billing-profile-sync.dashboard.json");

    @TempDir
    Path temp;

    @Test
    void theAlertRulesAreValid() throws Exception {
        Promtool.Run check = Promtool.run("check", "rules", RULES);
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 8 rules found");
    }

    @Test
    void theAlertRulesPassTheirUnitTests() throws Exception {
        Promtool.Run tests = Promtool.run("test", "rules", RULE_TESTS, TOKEN_AGE_TESTS);
        assertThat(tests.exitCode()).as(tests.output()).isZero();
        assertThat(tests.output().split("SUCCESS", -1)).as(tests.output()).hasSize(3);
    }

    @Test
    void aRuleTestThatDoesNotHoldFails() throws Exception {
        String rules = Files.readString(Promtool.MONITORING.resolve(RULES))
                .replace("expr: billing_sync_file_halted > 0", "expr: billing_sync_file_halted > 1");
        Files.writeString(temp.resolve(RULES), rules);
        Files.writeString(temp.resolve(RULE_TESTS), Files.readString(Promtool.MONITORING.resolve(RULE_TESTS)));
        Promtool.Run tests = Promtool.run("test", "rules", temp.resolve(RULE_TESTS).toString());
        assertThat(tests.exitCode()).as(tests.output()).isNotZero();
        assertThat(tests.output()).contains("FAILED", "BillingSyncFileHalted");
    }

    @Test
    void everyDashboardQueryIsValidPromQl() throws Exception {
        List<String> queries = dashboardQueries();
        assertThat(queries).hasSizeGreaterThan(10);
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            rules.append("      - record: dashboard_query_").append(i).append("\n        expr: '")
                    .append(queries.get(i).replace("'", "''")).append("'\n");
        }
        Path file = Files.writeString(temp.resolve("dashboard.rules.yml"), rules);
        Promtool.Run check = Promtool.run("check", "rules", file.toString());
        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    static List<String> dashboardQueries() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> queries = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> queries.add(t.path("expr").asText())));
        return queries;
    }
}

package dev.orderhub.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        JsonLog.redirect(System.out);
    }

    @Test
    void aCountIsOneEmbeddedMetricFormatLineWithTotalAndProviderDimensionsAndTheSiteAsAProperty() {
        JsonLog.redirect(new PrintStream(out, true, StandardCharsets.UTF_8));
        Metrics.count("CallbackRejected", "kofi", "site_abc", "reason", "INVALID_TOKEN");
        JsonNode line = Json.parse(out.toString(StandardCharsets.UTF_8).trim());
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Namespace").asText()).isEqualTo("orderhub");
        // A site dimension would make every active site its own set of custom metrics ($0.30 each a month).
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[],[\"provider\",\"reason\"]]");
        assertThat(directive.get("Metrics").get(0).get("Name").asText()).isEqualTo("CallbackRejected");
        assertThat(line.get("CallbackRejected").asLong()).isEqualTo(1);
        assertThat(line.get("provider").asText()).isEqualTo("kofi");
        // Still on the line, for Logs Insights (stats sum(CallbackRejected) by clientId).
        assertThat(line.get("clientId").asText()).isEqualTo("site_abc");
        assertThat(line.get("reason").asText()).isEqualTo("INVALID_TOKEN");
        assertThat(line.get("_aws").get("Timestamp").asLong()).isPositive();
    }

    @Test
    void noMetricHasASiteDimensionUnlessTheOperatorTurnsItOn() {
        JsonLog.redirect(new PrintStream(out, true, StandardCharsets.UTF_8));
        Metrics.count("EventApplied", "stripe", "site_1");
        Metrics.millis("CallbackLatency", 12, "kofi", "site_2");
        Metrics.count("CallbackRejected", "bmc", "site_3", "reason", "BAD_SIGNATURE");
        for (String l : out.toString(StandardCharsets.UTF_8).trim().split("\n")) {
            assertThat(Json.parse(l).get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions").toString())
                    .doesNotContain("clientId");
        }
        out.reset();
        Metrics.perSite(true);
        try {
            Metrics.count("EventApplied", "stripe", "site_1");
        } finally {
            Metrics.perSite(false);
        }
        assertThat(Json.parse(out.toString(StandardCharsets.UTF_8).trim()).get("_aws").get("CloudWatchMetrics").get(0)
                .get("Dimensions").toString()).isEqualTo("[[],[\"provider\"],[\"provider\",\"clientId\"]]");
    }

    @Test
    void logLinesMaskEmailAddresses() {
        assertThat(JsonLog.maskEmail("jane.doe@example.com")).isEqualTo("j***@example.com");
        assertThat(JsonLog.maskEmail("nonsense")).isEqualTo("***");
    }
}

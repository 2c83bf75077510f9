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
    void aCountIsOneEmbeddedMetricFormatLineWithTotalProviderAndSiteDimensions() {
        JsonLog.redirect(new PrintStream(out, true, StandardCharsets.UTF_8));
        Metrics.count("CallbackRejected", "kofi", "site_abc", "reason", "INVALID_TOKEN");
        JsonNode line = Json.parse(out.toString(StandardCharsets.UTF_8).trim());
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Namespace").asText()).isEqualTo("orderhub");
        assertThat(directive.get("Dimensions").toString())
                .isEqualTo("[[],[\"provider\",\"reason\"],[\"provider\",\"clientId\",\"reason\"]]");
        assertThat(directive.get("Metrics").get(0).get("Name").asText()).isEqualTo("CallbackRejected");
        assertThat(line.get("CallbackRejected").asLong()).isEqualTo(1);
        assertThat(line.get("provider").asText()).isEqualTo("kofi");
        assertThat(line.get("clientId").asText()).isEqualTo("site_abc");
        assertThat(line.get("reason").asText()).isEqualTo("INVALID_TOKEN");
        assertThat(line.get("_aws").get("Timestamp").asLong()).isPositive();
    }

    @Test
    void logLinesMaskEmailAddresses() {
        assertThat(JsonLog.maskEmail("jane.doe@example.com")).isEqualTo("j***@example.com");
        assertThat(JsonLog.maskEmail("nonsense")).isEqualTo("***");
    }
}

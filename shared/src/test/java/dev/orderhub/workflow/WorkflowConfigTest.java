package dev.orderhub.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowConfigTest {
    @Test
    void readsEverySettingAndTreatsBlankAsUnset() {
        WorkflowConfig c = WorkflowConfig.from(Map.of("WORKFLOW_RUNS_QUEUE_URL", "http://q/runs",
                "WORKFLOW_RUNS_DEAD_LETTER_QUEUE_URL", "http://q/dead", "STRIPE_API_BASE", "http://stripe.test",
                "SHOPIFY_API_BASE", "http://shopify.test", "MAIL_CONFIGURATION_SET", "orderhub")::get);
        assertThat(c).isEqualTo(new WorkflowConfig("http://q/runs", "http://q/dead", URI.create("http://stripe.test"),
                URI.create("http://shopify.test"), "orderhub"));

        WorkflowConfig blank = WorkflowConfig.from(Map.of("WORKFLOW_RUNS_QUEUE_URL", " ", "WORKFLOW_RUNS_DEAD_LETTER_QUEUE_URL", "",
                "STRIPE_API_BASE", " ", "SHOPIFY_API_BASE", "", "MAIL_CONFIGURATION_SET", "  ")::get);
        assertThat(blank).isEqualTo(new WorkflowConfig(null, null, URI.create("https://api.stripe.com"), null, null));
        assertThat(WorkflowConfig.from(name -> null)).isEqualTo(blank);
    }

    @Test
    void aSystemPropertyWins() {
        System.setProperty("MAIL_CONFIGURATION_SET", "from-property");
        try {
            assertThat(WorkflowConfig.fromEnvironment().mailConfigurationSet()).isEqualTo("from-property");
        } finally {
            System.clearProperty("MAIL_CONFIGURATION_SET");
        }
    }
}

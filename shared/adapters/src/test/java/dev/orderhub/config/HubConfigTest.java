package dev.orderhub.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.http.outbound.OutboundAddresses;
import dev.orderhub.mail.MailIdentity;
import dev.orderhub.provider.api.ApiHttp;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The one configuration object: every setting a library class needs is a value of it, read from
 * the source it was built over, so two stacks in one JVM each get their own.
 */
class HubConfigTest {
    private static HubConfig config(String... pairs) {
        Map<String, String> source = new HashMap<>(Map.of("TABLE_NAME", "hub"));
        for (int i = 0; i < pairs.length; i += 2) {
            source.put(pairs[i], pairs[i + 1]);
        }
        return HubConfig.from(source::get);
    }

    @Test
    void twoConfigurationsInOneJvmEachKeepTheirOwnSettings() {
        HubConfig local = config(OutboundAddresses.ALLOW_LOOPBACK, "true", "STRIPE_API_BASE", "http://127.0.0.1:8089/",
                "MAIL_IDENTITY", "hub@shop.example", "METRICS_PER_SITE", "true", "MAIL_SEND_EVENT_WAIT_SECONDS", "6",
                "SEALING_LOCAL_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "LIVE_STATUS_ENDPOINT", "http://127.0.0.1:3001");
        HubConfig deployed = config("MAIL_IDENTITY", "shop.example", "SEALING_KEY_ARN", "arn:aws:kms:eu-west-1:1:key/k");

        assertThat(OutboundAddresses.fromConfiguration(local).loopbackAllowed()).isTrue();
        assertThat(OutboundAddresses.fromConfiguration(deployed).loopbackAllowed()).isFalse();
        assertThat(ApiHttp.standard(local).baseUrl("STRIPE_API_BASE", "https://api.stripe.com"))
                .isEqualTo(URI.create("http://127.0.0.1:8089"));
        assertThat(ApiHttp.forActions(deployed).baseUrl("STRIPE_API_BASE", "https://api.stripe.com"))
                .isEqualTo(URI.create("https://api.stripe.com"));
        assertThat(local.mailIdentity().address()).isEqualTo("hub@shop.example");
        assertThat(deployed.mailIdentity().address()).isEqualTo("no-reply@shop.example");
        assertThat(local.metricsPerSite()).isTrue();
        assertThat(deployed.metricsPerSite()).isFalse();
        assertThat(local.workflow().sendEventWait()).isEqualTo(Duration.ofSeconds(6));
        assertThat(deployed.workflow().sendEventWait()).isEqualTo(Duration.ofMinutes(5));
        assertThat(local.sealing().localKey()).isPresent();
        assertThat(local.sealing().kmsKeyArn()).isEmpty();
        assertThat(deployed.sealing().kmsKeyArn()).contains("arn:aws:kms:eu-west-1:1:key/k");
        assertThat(local.liveStatusEndpoint()).contains(URI.create("http://127.0.0.1:3001"));
        assertThat(deployed.liveStatusEndpoint()).isEmpty();
    }

    @Test
    void unsetSettingsTakeTheirDocumentedDefaults() {
        HubConfig c = config();
        assertThat(c.metricsPerSite()).isFalse();
        assertThat(c.mailIdentity()).isEqualTo(new MailIdentity("example.com"));
        assertThat(c.outboundLoopbackAllowed()).isFalse();
        assertThat(c.deliveryLogRefusedPerMinute()).isEqualTo(10);
        assertThat(c.deliveryLogTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.outboundRunsPerSite()).isEqualTo(2);
        assertThat(c.outboundPostpone()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.reconcileMaxAttempts()).isEqualTo(8);
        assertThat(c.syncJobsQueueUrl()).isNull();
        assertThat(c.liveStatusEndpoint()).isEqualTo(Optional.empty());
        assertThat(c.setting("STRIPE_API_BASE")).isNull();
    }

    @Test
    void givenSettingsAreReadTrimmedAndBlankMeansUnset() {
        HubConfig c = config("DELIVERY_LOG_REFUSED_PER_MINUTE", " 0 ", "DELIVERY_LOG_TIMEOUT_MS", "250",
                "OUTBOUND_RUNS_PER_SITE", "5", "OUTBOUND_POSTPONE_SECONDS", "2", "SYNC_JOBS_QUEUE_URL", "http://q/sync",
                "METRICS_PER_SITE", " TRUE ", "MAIL_IDENTITY", "  ", OutboundAddresses.ALLOW_LOOPBACK, "yes",
                "SHOPIFY_API_BASE", "  ");
        assertThat(c.deliveryLogRefusedPerMinute()).isZero();
        assertThat(c.deliveryLogTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.outboundRunsPerSite()).isEqualTo(5);
        assertThat(c.outboundPostpone()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.syncJobsQueueUrl()).isEqualTo("http://q/sync");
        assertThat(c.metricsPerSite()).isTrue();
        assertThat(c.mailIdentity()).isEqualTo(new MailIdentity("example.com"));
        assertThat(c.outboundLoopbackAllowed()).as("only \"true\" turns it on").isFalse();
        assertThat(c.setting("SHOPIFY_API_BASE")).isNull();
    }

    @Test
    void fromTheEnvironmentASystemPropertyWins() {
        System.setProperty("TABLE_NAME", "from-property");
        System.setProperty("MAIL_CONFIGURATION_SET", "from-property");
        try {
            HubConfig c = HubConfig.fromEnvironment();
            assertThat(c.tableName()).isEqualTo("from-property");
            assertThat(c.workflow().mailConfigurationSet()).isEqualTo("from-property");
            assertThat(c.setting("MAIL_CONFIGURATION_SET")).isEqualTo("from-property");
        } finally {
            System.clearProperty("TABLE_NAME");
            System.clearProperty("MAIL_CONFIGURATION_SET");
        }
    }
}

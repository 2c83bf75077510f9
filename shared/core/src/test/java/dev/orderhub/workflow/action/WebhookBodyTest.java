package dev.orderhub.workflow.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.money.Money;
import dev.orderhub.workflow.Subject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The outgoing webhook's body tells the receiver what the intent expected, what was paid, and whether it was a test. */
class WebhookBodyTest {
    private static Subject subject(Money paid, Money expected, boolean test) {
        return new Subject("site_a", "kofi_x", "kofi", "txn-1", "paid", paid, "Mallory", "m@example.net", List.of(),
                Set.of(), Map.of(), null, false, "in_abcdefghij0123456789", test, expected);
    }

    @Test
    void anUnderpaidOrderShowsBothAmounts() {
        JsonNode order = Json.parse(Json.write(WebhookBody.of("run_1", "wf_1", 3, "order.paid",
                subject(Money.parse("1.00", "USD"), Money.parse("500.00", "USD"), false)))).get("order");
        assertThat(order.get("intentId").asText()).isEqualTo("in_abcdefghij0123456789");
        assertThat(order.get("expected").get("decimal").asText()).isEqualTo("500.00");
        assertThat(order.get("paid").get("decimal").asText()).isEqualTo("1.00");
        assertThat(order.get("paid").get("currency").asText()).isEqualTo("USD");
        assertThat(order.get("test").asBoolean()).isFalse();
    }

    @Test
    void aTestPaymentSaysSo() {
        JsonNode order = Json.parse(Json.write(WebhookBody.of("run_1", "wf_1", 3, "order.paid",
                subject(Money.parse("5.00", "USD"), null, true)))).get("order");
        assertThat(order.get("test").asBoolean()).isTrue();
        assertThat(order.has("expected")).as("no intent matched").isFalse();
    }
}

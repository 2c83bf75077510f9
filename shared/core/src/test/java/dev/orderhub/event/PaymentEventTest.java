package dev.orderhub.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentEventTest {
    private static PaymentEvent event(String eventId, String provider, String clientId, String orderRef, EventKind kind) {
        return new PaymentEvent(1, eventId, provider, clientId, orderRef, kind, null, null, null, null, null, false, "t", "t",
                null, "application/json", "{}", null);
    }

    @Test
    void anEventNamesItselfItsProviderSiteAndPurchase() {
        assertThatThrownBy(() -> event(" ", "kofi", "site_a", "t-1", EventKind.PAYMENT_SUCCEEDED)).hasMessage("eventId is required");
        assertThatThrownBy(() -> event("evt_1", null, "site_a", "t-1", EventKind.PAYMENT_SUCCEEDED)).hasMessage("provider is required");
        assertThatThrownBy(() -> event("evt_1", "kofi", "", "t-1", EventKind.PAYMENT_SUCCEEDED)).hasMessage("clientId is required");
        assertThatThrownBy(() -> event("evt_1", "kofi", "site_a", null, EventKind.PAYMENT_SUCCEEDED)).hasMessage("orderRef is required");
        assertThatThrownBy(() -> event("evt_1", "kofi", "site_a", "t-1", null)).hasMessage("kind is required");
        PaymentEvent e = event("evt_1", "kofi", "site_a", "t-1", EventKind.PAYMENT_SUCCEEDED);
        assertThat(e.items()).isEqualTo(List.of());
        assertThat(e.attributes()).isEqualTo(Map.of());
        assertThat(e.records()).isEmpty();
    }

    @Test
    void theHeadersKeptWithAnEventTravelThroughItsJson() {
        PaymentEvent e = event("evt_1", "stripe", "site_a", "pi_1", EventKind.PAYMENT_SUCCEEDED)
                .withHeaders(Map.of("user-agent", "Stripe/1.0", "x-forwarded-for", "(removed by the hub)"));
        PaymentEvent back = dev.orderhub.json.Json.read(dev.orderhub.json.Json.write(e), PaymentEvent.class);
        assertThat(back.headers()).isEqualTo(Map.of("user-agent", "Stripe/1.0", "x-forwarded-for", "(removed by the hub)"));
        assertThat(back).isEqualTo(e);
        PaymentEvent none = event("evt_2", "stripe", "site_a", "pi_1", EventKind.PAYMENT_SUCCEEDED);
        assertThat(none.headers()).as("an event that did not come with a callback").isNull();
        assertThat(dev.orderhub.json.Json.read("{\"eventId\":\"e\",\"provider\":\"kofi\",\"clientId\":\"s\",\"orderRef\":\"o\","
                + "\"kind\":\"PAYMENT_SUCCEEDED\"}", PaymentEvent.class).headers()).as("a message queued before headers were kept").isNull();
    }
}

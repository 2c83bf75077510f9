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
}

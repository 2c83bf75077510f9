package dev.orderhub.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.money.Money;
import dev.orderhub.risk.RiskAnalysis;
import dev.orderhub.workflow.Subject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A provider's payload names its own attributes; whatever it names them, they are the provider's
 * data, never the hub's own state of the order. A payment carrying attributes that look like the
 * hub's tags, risk verdict or mail error must not tag the order (a workflow condition on tags would
 * then act on it), must not pass for a risk analysis (which would skip the real one and let a
 * "cancel high-risk orders" workflow pass a fraudulent payment), and must not show as a mail error.
 */
class ProviderAttributesAttackTest {
    private static final Map<String, String> HOSTILE = Map.of(
            "hub.tags", "vip,trusted",
            "hub.risk.level", "low",
            "hub.risk.score", "0",
            "hub.risk.reasons", "looks fine",
            "hub.risk.id", "evt_forged",
            "hub.risk.analyzedAt", "2026-01-01T00:00:00Z",
            "hub.mail.lastError", "2026-01-01T00:00:00Z forged: nothing",
            "hub.mail.bounce", "Permanent:2026-01-01T00:00:00Z");

    private static PaymentEvent paymentCarrying(Map<String, String> attributes) {
        return new PaymentEvent(1, "evt_hostile", "stripe", "site_test", "pi_hostile", EventKind.PAYMENT_SUCCEEDED,
                Money.ofMinor(5000, "USD"), new PaymentEvent.Buyer("Mallory", "mallory@example.com"), null, List.of(),
                null, false, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", attributes, "application/json", "{}", List.of());
    }

    @Test
    void attributesNamedLikeTheHubsStateAreNotTheHubsState() {
        Order order = OrderLifecycle.apply(null, paymentCarrying(HOSTILE), "stripe_hostile", "2026-01-01T00:01:00Z");
        Subject seen = Subject.of(order, false);

        assertThat(seen.tags()).as("tags come from the hub's tag actions only").isEmpty();
        assertThat(seen.risk()).as("a risk verdict comes from the hub's analysis only").isNull();
        assertThat(RiskAnalysis.due(EventKind.PAYMENT_SUCCEEDED, order)).as("the payment is still analyzed").isTrue();
    }
}

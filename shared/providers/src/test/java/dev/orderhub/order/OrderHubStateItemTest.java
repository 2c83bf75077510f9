package dev.orderhub.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.money.Money;
import dev.orderhub.provider.Providers;
import dev.orderhub.reconcile.ReconcilePolicy;
import dev.orderhub.risk.RiskAssessment;
import dev.orderhub.risk.RiskLevel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The hub's own state of an order (tags, risk, mail error) as the order item stores it: attributes
 * of their own, beside the providers' map; an item from before, which kept them as strings in that
 * map, is read into the fields and written back without the strings.
 */
class OrderHubStateItemTest {
    private static final ReconcilePolicy POLICY = new ReconcilePolicy(Providers.REGISTRY);
    private static final RiskAssessment RISK = new RiskAssessment(RiskLevel.HIGH, 91,
            List.of("Stripe Radar: highest (score 91)", "a; reason with the old separator"), "evt_r", "2026-01-01T00:02:00Z");

    private static Order paid(Map<String, String> attributes) {
        return new Order("site_a", "stripe_x", "stripe", "pi_1", OrderStatus.PAID, OrderStatus.PAID, Money.ofMinor(500, "USD"),
                null, 0, false, "Ann", "ann@example.com", null, List.of(), null, false, "2026-01-01T00:00:00Z",
                "2026-01-01T00:00:00Z", Set.of("evt_1"), attributes, null, null, 1);
    }

    @Test
    void theHubsStateSurvivesTheItemAsFieldsOfItsOwn() {
        Order o = paid(Map.of("stripe.risk_level", "highest")).withTags(Set.of("vip", "gift")).withRisk(RISK)
                .withMailError(new Order.MailError("bounce", "Permanent", "2026-01-02T00:00:00Z"));
        Map<String, AttributeValue> item = DynamoOrderRepository.toItem(o, 1, POLICY);
        assertThat(item.get("attributes").m()).containsOnlyKeys("stripe.risk_level");
        assertThat(item.get("tags").l()).extracting(AttributeValue::s).containsExactly("gift", "vip");

        Order read = DynamoOrderRepository.toOrder(item);
        assertThat(read.tags()).containsExactly("gift", "vip");
        assertThat(read.risk()).isEqualTo(RISK);
        assertThat(read.mailError()).isEqualTo(o.mailError());
        assertThat(read.attributes()).isEqualTo(Map.of("stripe.risk_level", "highest"));
    }

    @Test
    void anItemFromBeforeIsReadIntoTheFieldsAndWrittenWithoutTheStrings() {
        Map<String, String> legacy = new HashMap<>(Map.of("kofi.tier_name", "Gold", "hub.tags", "vip,gift",
                "hub.risk.level", "medium", "hub.risk.score", "55", "hub.risk.reasons", "a; b", "hub.risk.id", "evt_r",
                "hub.risk.analyzedAt", "2026-01-01T00:02:00Z"));
        legacy.put("hub.mail.lastError", "2026-01-03T00:00:00Z run_1#0: not sent: the recipient is not one e-mail address");
        legacy.put("hub.mail.bounce", "Permanent:2026-01-02T00:00:00Z");
        Map<String, AttributeValue> item = new HashMap<>(DynamoOrderRepository.toItem(paid(Map.of()), 1, POLICY));
        item.put("attributes", AttributeValue.fromM(legacy.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> AttributeValue.fromS(e.getValue())))));

        Order read = DynamoOrderRepository.toOrder(item);
        assertThat(read.tags()).containsExactly("gift", "vip");
        assertThat(read.risk()).isEqualTo(new RiskAssessment(RiskLevel.MEDIUM, 55, List.of("a", "b"), "evt_r",
                "2026-01-01T00:02:00Z"));
        assertThat(read.mailError()).as("the later of the two").isEqualTo(new Order.MailError("send",
                "run_1#0: not sent: the recipient is not one e-mail address", "2026-01-03T00:00:00Z"));
        assertThat(read.attributes()).isEqualTo(Map.of("kofi.tier_name", "Gold"));

        Map<String, AttributeValue> written = DynamoOrderRepository.toItem(read, 2, POLICY);
        assertThat(written.get("attributes").m()).containsOnlyKeys("kofi.tier_name");
        assertThat(DynamoOrderRepository.toOrder(written).risk()).isEqualTo(read.risk());
    }

    @Test
    void aProviderAttributeNamedLikeTheHubsStateIsNeitherStoredNorReadBackAsIt() {
        PaymentEvent hostile = new PaymentEvent(1, "evt_h", "stripe", "site_a", "pi_1", EventKind.PAYMENT_SUCCEEDED,
                Money.ofMinor(500, "USD"), null, null, List.of(), null, false, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z",
                Map.of("hub.tags", "vip", "hub.risk.level", "low", "hub.mail.bounce", "Permanent:2026-01-01T00:00:00Z",
                        "stripe.charge", "ch_1"),
                "application/json", "{}", List.of());
        Order applied = OrderLifecycle.apply(null, hostile, "stripe_x", "2026-01-01T00:01:00Z");
        Order read = DynamoOrderRepository.toOrder(DynamoOrderRepository.toItem(applied, 1, POLICY));
        assertThat(read.tags()).isEmpty();
        assertThat(read.risk()).isNull();
        assertThat(read.mailError()).isNull();
        assertThat(read.attributes()).isEqualTo(Map.of("stripe.charge", "ch_1"));
    }

    @Test
    void aMailErrorNeverGivesWayToAnOlderOne() {
        Order.MailError bounce = new Order.MailError("bounce", "Permanent", "2026-01-02T00:00:00.669Z");
        Order.MailError send = new Order.MailError("send", "x", "2026-01-03T00:00:00Z");
        assertThat(Order.MailError.latest(send, bounce)).as("a bounce delivered late").isEqualTo(send);
        assertThat(Order.MailError.latest(bounce, send)).isEqualTo(send);
        assertThat(Order.MailError.latest(null, bounce)).isEqualTo(bounce);
        assertThat(Order.MailError.latest(bounce, bounce)).isEqualTo(bounce);
    }
}

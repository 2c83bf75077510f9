package dev.orderhub.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderMatch;
import dev.orderhub.order.OrderStatus;
import dev.orderhub.risk.RiskAssessment;
import dev.orderhub.risk.RiskLevel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What each condition field reads from an order, how it compares, and which values a definition may give it. */
class ConditionFieldTest {
    private static final Subject KIM = Subjects.of(RiskLevel.MEDIUM, 40, "12.50", "USD");
    private static final Subject UNKNOWN = new Subject("site_a", "stripe_x", "stripe", "pi_1", "pending", null, null, null,
            null, null, null, null, false, null);

    private static JsonNode v(String json) {
        return Json.parse(json);
    }

    private static boolean test(ConditionField f, Subject s, String op, String value) {
        assertThat(f.problem(op, v(value))).as("a valid value").isNull();
        return f.test(s, op, v(value));
    }

    @Test
    void listOperatorsLookForAnEqualValue() {
        assertThat(test(ConditionField.PROVIDER, KIM, "in", "[\"kofi\", \"Stripe\"]")).isTrue();
        assertThat(test(ConditionField.PROVIDER, KIM, "in", "[\"kofi\", \"bmc\"]")).isFalse();
        assertThat(test(ConditionField.PROVIDER, KIM, "not_in", "[\"kofi\", \"bmc\"]")).isTrue();
        assertThat(test(ConditionField.PROVIDER, KIM, "not_in", "[\"stripe\"]")).isFalse();
        assertThat(test(ConditionField.STATUS, KIM, "in", "[\"paid\", \"pending\"]")).isTrue();
        assertThat(test(ConditionField.CURRENCY, KIM, "not_in", "[\"EUR\", \"KRW\"]")).isTrue();
        assertThat(test(ConditionField.RISK_LEVEL, KIM, "in", "[\"low\", \"high\"]")).isFalse();
    }

    @Test
    void setsContainAValueIgnoringCase() {
        assertThat(test(ConditionField.TAGS, KIM, "contains", "\"VIP\"")).isTrue();
        assertThat(test(ConditionField.TAGS, KIM, "contains", "\"wholesale\"")).isFalse();
        assertThat(test(ConditionField.TAGS, KIM, "not_contains", "\"wholesale\"")).isTrue();
        assertThat(test(ConditionField.ITEMS, KIM, "not_contains", "\"mug\"")).isFalse();
    }

    @Test
    void numbersAndRisksOrder() {
        assertThat(test(ConditionField.AMOUNT, KIM, "lte", "12.5")).isTrue();
        assertThat(test(ConditionField.AMOUNT, KIM, "lte", "\"12.49\"")).isFalse();
        assertThat(test(ConditionField.AMOUNT, KIM, "lt", "12.51")).isTrue();
        assertThat(test(ConditionField.AMOUNT, KIM, "ne", "12.50")).isFalse();
        assertThat(test(ConditionField.RISK_SCORE, KIM, "gt", "39")).isTrue();
        assertThat(test(ConditionField.RISK_LEVEL, KIM, "lte", "\"medium\"")).isTrue();
        assertThat(test(ConditionField.RISK_LEVEL, KIM, "lt", "\"medium\"")).isFalse();
        assertThat(test(ConditionField.EMAIL_DOMAIN, KIM, "eq", "\"SHOP.example.KR\"")).isTrue();
    }

    @Test
    void aMissingValueMakesEveryComparisonFalse() {
        for (String op : List.of("eq", "ne", "in", "not_in")) {
            String value = op.endsWith("in") ? "[\"high\"]" : "\"high\"";
            assertThat(test(ConditionField.RISK_LEVEL, UNKNOWN, op, value)).as(op).isFalse();
        }
        assertThat(test(ConditionField.AMOUNT, UNKNOWN, "ne", "1")).isFalse();
        assertThat(test(ConditionField.EMAIL_DOMAIN, UNKNOWN, "ne", "\"x\"")).isFalse();
        assertThat(test(ConditionField.FIRST_ORDER, Subject.of(OrderLifecycleEvents.subscription()), "eq", "false"))
                .as("a subscription has no order, so no first order").isFalse();
    }

    @Test
    void aRunRecordsWhatTheFieldSaw() {
        assertThat(ConditionField.RISK_LEVEL.describe(KIM)).isEqualTo("medium");
        assertThat(ConditionField.AMOUNT.describe(KIM)).isEqualTo("12.50");
        assertThat(ConditionField.TAGS.describe(KIM)).isEqualTo("[vip]");
        assertThat(ConditionField.FIRST_ORDER.describe(KIM)).isEqualTo("true");
        assertThat(ConditionField.AMOUNT.describe(UNKNOWN)).isEqualTo("unknown");
        assertThat(ConditionField.PROVIDER.describe(UNKNOWN)).isEqualTo("stripe");
    }

    @Test
    void valuesAreCheckedAgainstTheFieldsKind() {
        assertThat(ConditionField.AMOUNT.problem("contains", v("1"))).startsWith("operator contains does not apply to amount");
        assertThat(ConditionField.PROVIDER.problem("in", v("[]"))).isEqualTo("must be a non-empty list");
        assertThat(ConditionField.PROVIDER.problem("in", v("\"kofi\""))).isEqualTo("must be a non-empty list");
        assertThat(ConditionField.PROVIDER.problem("in", v("[\"kofi\", 3]"))).isEqualTo("must be text of 1 to 200 characters");
        assertThat(ConditionField.PROVIDER.problem("eq", v("\"" + "x".repeat(200) + "\""))).isNull();
        assertThat(ConditionField.PROVIDER.problem("eq", v("\"" + "x".repeat(201) + "\""))).isEqualTo("must be text of 1 to 200 characters");
        assertThat(ConditionField.PROVIDER.problem("eq", v("\"\""))).isEqualTo("must be text of 1 to 200 characters");
        assertThat(ConditionField.PROVIDER.problem("eq", v("null"))).isEqualTo("is required");
        assertThat(ConditionField.PROVIDER.problem("eq", null)).isEqualTo("is required");
        assertThat(ConditionField.AMOUNT.problem("gt", v("\"ten\""))).isEqualTo("must be a number");
        assertThat(ConditionField.AMOUNT.problem("gt", v("\"10.5\""))).isNull();
        assertThat(ConditionField.STATUS.problem("eq", v("\"shipped\""))).startsWith("must be one of [pending, failed, paid");
        assertThat(ConditionField.STATUS.problem("eq", v("\"refunded\""))).isNull();
        assertThat(ConditionField.CURRENCY.problem("eq", v("\"usd\""))).isEqualTo("must be a three-letter upper-case currency code");
        assertThat(ConditionField.RISK_LEVEL.problem("eq", v("\"extreme\""))).isEqualTo("must be one of low, medium, high");
        assertThat(ConditionField.FIRST_ORDER.problem("eq", v("\"true\""))).isEqualTo("must be true or false");
        assertThat(ConditionField.wireNames()).contains("risk.level", "buyer.emailDomain", "isFirstOrder").hasSize(10);
        assertThat(ConditionField.fromWire("buyer.emailDomain")).isEqualTo(ConditionField.EMAIL_DOMAIN);
    }

    @Test
    void aSubjectIsReadFromTheOrder() {
        Order o = new Order("site_a", "kofi_x", "kofi", "t-1", OrderStatus.PAID, OrderStatus.PAID, Money.ofMinor(500, "USD"),
                null, 0, false, "Ann", "Ann@Example.COM", null, List.of("Mug"), null, true, "t", "t", Set.of(), Map.of(),
                new OrderMatch("int_1", "reference", OrderMatch.Review.NONE, List.of(), "t", null, Money.ofMinor(500, "USD")),
                null, 1).withTags(Set.of("vip", "gift"))
                .withRisk(new RiskAssessment(RiskLevel.HIGH, 80, List.of("a", "b"), "evt_r", "t"));
        Subject s = Subject.of(o, true);
        assertThat(s.status()).isEqualTo("paid");
        assertThat(s.tags()).containsExactlyInAnyOrder("vip", "gift");
        assertThat(s.risk().level()).isEqualTo(RiskLevel.HIGH);
        assertThat(s.risk().reasons()).containsExactly("a", "b");
        assertThat(s.intentId()).isEqualTo("int_1");
        assertThat(s.expected()).isEqualTo(Money.ofMinor(500, "USD"));
        assertThat(s.test()).isTrue();
        assertThat(s.emailDomain()).isEqualTo("example.com");
        assertThat(new Subject("s", "o", "p", "r", "paid", null, null, "no-at-sign", null, null, null, null, false, null)
                .emailDomain()).isNull();
        assertThat(new Subject("s", "o", "p", "r", "paid", null, null, "@x.example", null, null, null, null, false, null)
                .emailDomain()).isEqualTo("x.example");
    }

    /** A subscription event, which has no order. */
    private static final class OrderLifecycleEvents {
        static dev.orderhub.event.PaymentEvent subscription() {
            return new dev.orderhub.event.PaymentEvent(1, "evt_s", "stripe", "site_a", "sub_1",
                    dev.orderhub.event.EventKind.SUBSCRIPTION_STARTED, Money.ofMinor(900, "USD"),
                    new dev.orderhub.event.PaymentEvent.Buyer("Ann", "ann@example.com"), null, List.of(), null, true, "t", "t",
                    Map.of("stripe.plan", "gold"), "application/json", "{}", List.of());
        }
    }

    @Test
    void aSubscriptionsSubjectIsTheEventsOwnData() {
        Subject s = Subject.of(OrderLifecycleEvents.subscription());
        assertThat(s.orderId()).isNull();
        assertThat(s.status()).isNull();
        assertThat(s.buyerName()).isEqualTo("Ann");
        assertThat(s.buyerEmail()).isEqualTo("ann@example.com");
        assertThat(s.amount()).isEqualTo(Money.ofMinor(900, "USD"));
        assertThat(s.attributes()).containsEntry("stripe.plan", "gold");
        assertThat(s.test()).isTrue();
    }
}

package dev.orderhub.provider.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderLifecycle;
import dev.orderhub.order.OrderStatus;
import dev.orderhub.provider.CallbackDecision;
import dev.orderhub.record.NormalizedRecord;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stripe's own example objects (samples/stripe-openapi: stripe/openapi openapi/fixtures3.json,
 * commit f6c2a48fbac2819d1feba8143d942ffc65e1c0d2), each wrapped in every event type the provider
 * maps to its object type, signed as Stripe signs, and applied to an order. The fixtures are
 * deliberately awkward: the charge is authorized but not captured ({@code amount} 100,
 * {@code amount_captured} 0, {@code captured} false) and the invoice is a draft with
 * {@code amount_paid} 0, so they test that an order's amount is what the buyer authorized or paid,
 * never a "so far" figure that reads 0.
 */
class StripeFixtureCorpusTest {
    private static final String SECRET = "whsec_site_fixtures";
    private static final String SITE = "site_fixtures";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final ProviderConfig CONFIG =
            new ProviderConfig("stripe", Map.of(StripeProvider.WEBHOOK_SECRET, SECRET), Map.of(), Map.of(), null);
    private static final String CHARGE_ID = "ch_1PgafuB7WZ01zgkWXYmPNZs8";
    private final StripeProvider stripe = new StripeProvider();

    /** The fixture object of that type (the file name under samples/stripe-openapi). */
    private static String fixture(String objectType) {
        return Samples.read("stripe-openapi/" + objectType + ".json");
    }

    /** A Stripe Event (as docs.stripe.com/api/events/object describes it) carrying the object. */
    private static String event(String type, String object) {
        ObjectNode e = Json.object();
        e.put("id", "evt_fixture_" + type.replace('.', '_'));
        e.put("object", "event");
        e.put("api_version", "2024-06-20");
        e.put("created", 1234567890L);
        e.put("livemode", false);
        e.put("pending_webhooks", 1);
        e.put("type", type);
        e.putObject("data").set("object", Json.parse(object));
        e.putObject("request").putNull("id");
        return e.toString();
    }

    private CallbackDecision deliver(String type, String objectType) {
        String body = event(type, fixture(objectType));
        String header = StripeSignature.header(body.getBytes(StandardCharsets.UTF_8), SECRET, NOW.getEpochSecond());
        return stripe.verifyAndNormalize(Requests.post(SITE, "application/json", body,
                Map.of("Stripe-Signature", header)), CONFIG, SITE, NOW);
    }

    /** The order the events make, applied in the given order; null when none touches an order. */
    private static Order apply(List<PaymentEvent> events) {
        Order order = null;
        for (PaymentEvent e : events) {
            if (OrderLifecycle.touchesOrders(e.kind()) && (order == null || !order.hasApplied(e.eventId()))) {
                order = OrderLifecycle.apply(order, e, "ord_1", NOW.toString());
            }
        }
        return order;
    }

    /**
     * @param type the event type
     * @param objectType the fixture it carries
     * @param before event types on the fixture charge that come first (the refund and the dispute
     *     are of that charge): the purchase they act on
     * @param kinds the kinds of event the delivery becomes
     * @param amountMinor the order's amount (USD minor units), null when no order is made
     * @param status the order's status, null when no order is made
     * @param records the record types the delivery carries
     */
    static Stream<Arguments> corpus() {
        List<String> none = List.of();
        List<String> purchase = List.of("charge.succeeded", "charge.captured");
        return Stream.of(
                Arguments.of("charge.succeeded", "charge", none, List.of(EventKind.PAYMENT_AUTHORIZED), 100L,
                        OrderStatus.PENDING, List.of("charge")),
                Arguments.of("charge.captured", "charge", none, List.of(EventKind.PAYMENT_SUCCEEDED), 100L,
                        OrderStatus.PAID, List.of("charge")),
                Arguments.of("charge.failed", "charge", none, List.of(EventKind.PAYMENT_FAILED), 100L,
                        OrderStatus.FAILED, List.of("charge")),
                // The fixture lists no refund: the delivery only records the charge.
                Arguments.of("charge.refunded", "charge", purchase, List.of(EventKind.RECORD), 100L,
                        OrderStatus.PAID, List.of("charge")),
                Arguments.of("refund.created", "refund", purchase, List.of(EventKind.REFUNDED), 100L,
                        OrderStatus.REFUNDED, List.of("refund")),
                Arguments.of("charge.refund.updated", "refund", purchase, List.of(EventKind.REFUNDED), 100L,
                        OrderStatus.REFUNDED, List.of("refund")),
                // The dispute's amount (1000) is not the charge's: the order keeps what was paid.
                Arguments.of("charge.dispute.created", "dispute", purchase, List.of(EventKind.DISPUTED), 100L,
                        OrderStatus.DISPUTED, none),
                Arguments.of("payment_intent.succeeded", "payment_intent", none, List.of(EventKind.PAYMENT_SUCCEEDED),
                        1099L, OrderStatus.PAID, none),
                Arguments.of("payment_intent.payment_failed", "payment_intent", none,
                        List.of(EventKind.PAYMENT_FAILED), 1099L, OrderStatus.FAILED, none),
                Arguments.of("payment_intent.canceled", "payment_intent", none, List.of(EventKind.PAYMENT_CANCELED),
                        1099L, OrderStatus.CANCELED, none),
                Arguments.of("payment_intent.amount_capturable_updated", "payment_intent", none,
                        List.of(EventKind.PAYMENT_AUTHORIZED), 1099L, OrderStatus.PENDING, none),
                Arguments.of("invoice.paid", "invoice", none, List.of(EventKind.PAYMENT_SUCCEEDED), 1000L,
                        OrderStatus.PAID, none),
                Arguments.of("invoice.payment_failed", "invoice", none, List.of(EventKind.PAYMENT_FAILED), 1000L,
                        OrderStatus.FAILED, none),
                Arguments.of("customer.subscription.created", "subscription", none,
                        List.of(EventKind.SUBSCRIPTION_STARTED), null, null, List.of("subscription", "price")),
                Arguments.of("customer.subscription.updated", "subscription", none,
                        List.of(EventKind.SUBSCRIPTION_UPDATED), null, null, List.of("subscription", "price")),
                Arguments.of("customer.subscription.paused", "subscription", none,
                        List.of(EventKind.SUBSCRIPTION_UPDATED), null, null, List.of("subscription", "price")),
                Arguments.of("customer.subscription.deleted", "subscription", none,
                        List.of(EventKind.SUBSCRIPTION_CANCELED), null, null, List.of("subscription", "price")),
                Arguments.of("customer.created", "customer", none, List.of(EventKind.RECORD), null, null,
                        List.of("customer")),
                Arguments.of("customer.updated", "customer", none, List.of(EventKind.RECORD), null, null,
                        List.of("customer")),
                Arguments.of("customer.deleted", "customer", none, List.of(EventKind.RECORD), null, null,
                        List.of("customer")),
                Arguments.of("price.created", "price", none, List.of(EventKind.RECORD), null, null, List.of("price")),
                Arguments.of("price.updated", "price", none, List.of(EventKind.RECORD), null, null, List.of("price")),
                Arguments.of("price.deleted", "price", none, List.of(EventKind.RECORD), null, null, List.of("price")),
                // Stripe sends no event about a balance transaction; one carrying it is kept as a record.
                Arguments.of("balance.available", "balance_transaction", none, List.of(EventKind.RECORD), null, null,
                        List.of("balance_transaction")));
    }

    @ParameterizedTest(name = "{0} carrying the fixture {1}")
    @MethodSource("corpus")
    void everyFixtureInEveryEventTypeMakesASaneOrder(String type, String objectType, List<String> before,
            List<EventKind> kinds, Long amountMinor, OrderStatus status, List<String> records) {
        CallbackDecision decision = deliver(type, objectType);

        assertThat(decision.events()).as("accepted and queued").isNotEmpty();
        assertThat(decision.events()).extracting(PaymentEvent::kind).containsExactlyElementsOf(kinds);
        assertThat(decision.events().get(0).records()).extracting(NormalizedRecord::type)
                .containsExactlyInAnyOrderElementsOf(records);
        for (PaymentEvent e : decision.events()) {
            assertThat(e.test()).as("fixtures are test mode").isTrue();
            if (e.amount() != null) {
                assertThat(e.amount().currency()).isEqualTo("USD");
                assertThat(e.amount().minor()).as("an event amount is never 0 for these purchases").isPositive();
            }
        }

        List<PaymentEvent> events = new ArrayList<>();
        for (String t : before) {
            events.addAll(deliver(t, "charge").events());
        }
        events.addAll(decision.events());
        Order order = apply(events);
        if (amountMinor == null) {
            assertThat(order).as("no order").isNull();
            return;
        }
        assertThat(order.amount()).isEqualTo(Money.ofMinor(amountMinor, "USD"));
        assertThat(order.status()).isEqualTo(status);
        assertThat(order.refundedMinor()).as("refunded never exceeds the amount")
                .isLessThanOrEqualTo(order.amount().minor());
        assertThat(order.test()).isTrue();

        // Stripe does not order its deliveries: the same events the other way round make the same order.
        List<PaymentEvent> backwards = new ArrayList<>(events);
        java.util.Collections.reverse(backwards);
        Order reversed = apply(backwards);
        assertThat(reversed.amount()).isEqualTo(order.amount());
        assertThat(reversed.status()).isEqualTo(order.status());
        assertThat(reversed.refundedMinor()).isEqualTo(order.refundedMinor());
    }

    @Test
    void anAuthorizedChargeThatIsCapturedIsAnOrderOfTheAuthorizedAmount() {
        PaymentEvent captured = deliver("charge.captured", "charge").events().get(0);

        assertThat(captured.kind()).isEqualTo(EventKind.PAYMENT_SUCCEEDED);
        assertThat(captured.amount()).isEqualTo(Money.parse("1.00", "USD"));
        assertThat(captured.orderRef()).isEqualTo(CHARGE_ID);
    }

    @Test
    void refundingTheWholeAuthorizedAndCapturedChargeMakesTheOrderRefunded() {
        List<PaymentEvent> events = new ArrayList<>();
        events.addAll(deliver("charge.succeeded", "charge").events());
        events.addAll(deliver("charge.captured", "charge").events());
        events.addAll(deliver("refund.created", "refund").events());

        Order order = apply(events);

        assertThat(order.amount()).isEqualTo(Money.parse("1.00", "USD"));
        assertThat(order.refundedMinor()).isEqualTo(100);
        assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
    }

    /** A partial capture: the buyer paid what was captured, the rest of the hold was released. */
    @Test
    void aPartialCaptureIsAnOrderOfTheCapturedAmount() {
        ObjectNode charge = (ObjectNode) Json.parse(fixture("charge"));
        charge.put("captured", true);
        charge.put("amount_captured", 60);
        String body = event("charge.captured", charge.toString());
        String header = StripeSignature.header(body.getBytes(StandardCharsets.UTF_8), SECRET, NOW.getEpochSecond());
        PaymentEvent e = stripe.verifyAndNormalize(Requests.post(SITE, "application/json", body,
                Map.of("Stripe-Signature", header)), CONFIG, SITE, NOW).events().get(0);

        assertThat(e.amount()).isEqualTo(Money.parse("0.60", "USD"));
    }
}

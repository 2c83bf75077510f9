package dev.orderhub.provider.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.crypto.Signatures;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.money.Money;
import dev.orderhub.provider.CallbackDecision;
import dev.orderhub.provider.CallbackRejection;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Payloads: samples/shopify/*.json, Shopify's own "Sample Payload" blocks of the webhooks
 * reference 2026-07 (samples/SOURCES.md). Every orders/* sample is the same generic order with
 * financial_status "voided", so tests that need a status set it explicitly on a copy.
 */
class ShopifyProviderTest {
    private static final String SECRET = "shpss_demo_client_secret_0123456789";
    private static final String OLD_SECRET = "shpss_previous_client_secret_9876";
    private static final ProviderConfig CONFIG = new ProviderConfig("shopify",
            Map.of(ShopifyProvider.CLIENT_SECRET, SECRET), Map.of(), Map.of(), null);
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String ORDER_ID = "820982911946154508"; // > 2^53: a double would read ...4500
    private final ShopifyProvider shopify = new ShopifyProvider();

    static String hmac(String body, String secret) {
        return Base64.getEncoder().encodeToString(Signatures.hmacSha256(secret.getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    static Map<String, String> headers(String topic, String body, String secret) {
        Map<String, String> h = new HashMap<>();
        h.put("X-Shopify-Topic", topic);
        h.put("X-Shopify-Hmac-SHA256", hmac(body, secret));
        h.put("X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
        h.put("X-Shopify-Event-Id", "98880550-7158-44d4-b7cd-2c97c8a091b5");
        h.put("X-Shopify-Shop-Domain", "demo-shop.myshopify.com");
        h.put("X-Shopify-Triggered-At", "2026-11-25T09:59:59Z");
        return h;
    }

    private CallbackDecision deliver(String body, Map<String, String> headers, ProviderConfig config) {
        return shopify.verifyAndNormalize(Requests.post("site_abcd", "application/json", body, headers), config, "site_abcd", NOW);
    }

    private PaymentEvent accept(String topic, String body) {
        CallbackDecision d = deliver(body, headers(topic, body, SECRET), CONFIG);
        assertThat(d.events()).hasSize(1);
        return d.events().get(0);
    }

    private static ObjectNode sample(String file) {
        return (ObjectNode) Json.parse(Samples.read("shopify/" + file));
    }

    private void assertTheSampleOrder(PaymentEvent e) {
        assertThat(e.orderRef()).isEqualTo(ORDER_ID);
        assertThat(e.eventId()).isEqualTo("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
        assertThat(e.amount()).as("total_price in the shop currency").isEqualTo(Money.ofMinor(40495, "USD"));
        assertThat(e.test()).isTrue();
        assertThat(e.buyer()).isEqualTo(new PaymentEvent.Buyer("John Smith", "jon@example.com"));
        assertThat(e.items()).containsExactly("Aviator sunglasses x1", "Lens Protection Plan (2 Year) x1",
                "Premium Leather Case x1", "Mid-century lounger x1", "Coffee table x1");
        assertThat(e.attributes()).containsEntry("shopify.shop_domain", "demo-shop.myshopify.com")
                .containsEntry("shopify.order_name", "#9999");
        assertThat(e.occurredAt()).isEqualTo("2022-01-01T00:00:00Z");
        assertThat(e.provider()).isEqualTo("shopify");
    }

    @Test
    void eachOrdersSampleMapsByItsTopic() {
        Map<String, EventKind> expected = Map.of(
                "orders_create.json", EventKind.PAYMENT_PENDING, // the sample is "voided": not paid, not authorized
                "orders_paid.json", EventKind.PAYMENT_SUCCEEDED,
                "orders_cancelled.json", EventKind.PAYMENT_CANCELED,
                "orders_fulfilled.json", EventKind.FULFILLED);
        expected.forEach((file, kind) -> {
            String topic = file.replace(".json", "").replaceFirst("_", "/");
            PaymentEvent e = accept(topic, Samples.read("shopify/" + file));
            assertThat(e.kind()).as(topic).isEqualTo(kind);
            assertTheSampleOrder(e);
        });
    }

    @Test
    void ordersCreateFollowsTheFinancialStatus() {
        ObjectNode order = sample("orders_create.json");
        order.put("financial_status", "paid");
        assertThat(accept("orders/create", order.toString()).kind()).isEqualTo(EventKind.PAYMENT_SUCCEEDED);
        order.put("financial_status", "authorized");
        assertThat(accept("orders/create", order.toString()).kind()).isEqualTo(EventKind.PAYMENT_AUTHORIZED);
        order.put("financial_status", "pending");
        assertThat(accept("orders/create", order.toString()).kind()).isEqualTo(EventKind.PAYMENT_PENDING);
        order.remove("financial_status");
        assertThat(accept("orders/create", order.toString()).kind()).isEqualTo(EventKind.PAYMENT_PENDING);
    }

    @Test
    void ordersFallBackToContactEmailAndTheLiveFlag() {
        ObjectNode order = sample("orders_paid.json");
        order.remove("email");
        order.put("test", false);
        order.put("currency", "JPY").put("total_price", "1500");
        PaymentEvent e = accept("orders/paid", order.toString());
        assertThat(e.buyer().email()).isEqualTo("jon@example.com");
        assertThat(e.test()).isFalse();
        assertThat(e.amount()).isEqualTo(Money.ofMinor(1500, "JPY"));
    }

    @Test
    void refundIsTheSumOfItsSuccessfulRefundTransactionsAndCountsOncePerRefund() {
        PaymentEvent e = accept("refunds/create", Samples.read("shopify/refunds_create.json"));
        assertThat(e.kind()).isEqualTo(EventKind.REFUNDED);
        assertThat(e.orderRef()).isEqualTo(ORDER_ID);
        assertThat(e.amount()).as("75.00 + 10.00; transactions carry no currency, the refund's shop currency is USD")
                .isEqualTo(Money.ofMinor(8500, "USD"));
        assertThat(e.eventId()).isEqualTo("refund:890088186047892319");
        assertThat(e.test()).isFalse();
        assertThat(e.buyer()).isNull();
        assertThat(e.message()).isEqualTo("Things were damaged");
        assertThat(e.occurredAt()).isEqualTo("2022-01-01T00:00:00Z");
    }

    @Test
    void failedAndNonRefundTransactionsAreNotCounted() {
        ObjectNode refund = sample("refunds_create.json");
        ArrayNode transactions = (ArrayNode) refund.get("transactions");
        ((ObjectNode) transactions.get(0)).put("status", "failure");
        ((ObjectNode) transactions.get(1)).put("currency", "USD")
                .set("amount_set", Json.parse("{\"shop_money\":{\"amount\":\"12.34\",\"currency_code\":\"USD\"},"
                        + "\"presentment_money\":{\"amount\":\"11.00\",\"currency_code\":\"EUR\"}}"));
        assertThat(accept("refunds/create", refund.toString()).amount()).isEqualTo(Money.ofMinor(1234, "USD"));

        ((ObjectNode) transactions.get(1)).put("kind", "capture");
        CallbackDecision d = deliver(refund.toString(), headers("refunds/create", refund.toString(), SECRET), CONFIG);
        assertThat(d.events()).as("a refund without money back (a restock) changes no order").isEmpty();
    }

    @Test
    void riskAssessmentLandsOnItsOrderAndTheSampleWithoutOrderIsIgnored() {
        String sample = Samples.read("shopify/orders_risk_assessment_changed.json");
        CallbackDecision d = deliver(sample, headers("orders/risk_assessment_changed", sample, SECRET), CONFIG);
        assertThat(d.events()).as("Shopify's sample names no order").isEmpty();

        ObjectNode risk = sample("orders_risk_assessment_changed.json");
        risk.put("order_id", 820982911946154508L).put("risk_level", "HIGH").put("created_at", "2026-11-25T09:00:00-05:00");
        PaymentEvent e = accept("orders/risk_assessment_changed", risk.toString());
        assertThat(e.kind()).isEqualTo(EventKind.RISK_ASSESSED);
        assertThat(e.orderRef()).isEqualTo(ORDER_ID);
        assertThat(e.attributes()).containsEntry("shopify.risk_level", "high");
        assertThat(e.amount()).isNull();
        assertThat(e.occurredAt()).isEqualTo("2026-11-25T14:00:00Z");

        risk.putNull("order_id").put("admin_graphql_api_order_id", "gid://shopify/Order/820982911946154508");
        assertThat(accept("orders/risk_assessment_changed", risk.toString()).orderRef()).isEqualTo(ORDER_ID);
    }

    @Test
    void unknownTopicsAreAcceptedAndIgnored() {
        String body = Samples.read("shopify/orders_paid.json");
        CallbackDecision d = deliver(body, headers("orders/edited", body, SECRET), CONFIG);
        assertThat(d.events()).isEmpty();
        assertThat(d.note()).contains("orders/edited");
    }

    @Test
    void theWebhookIdIsTheDedupKeyAndTheEventIdOnlyAFallbackScopedByTopic() {
        String body = Samples.read("shopify/orders_paid.json");
        Map<String, String> h = headers("orders/paid", body, SECRET);
        h.remove("X-Shopify-Webhook-Id");
        assertThat(deliver(body, h, CONFIG).events().get(0).eventId())
                .isEqualTo("orders/paid:98880550-7158-44d4-b7cd-2c97c8a091b5");
        h.remove("X-Shopify-Event-Id");
        assertRejected(body, h, CONFIG, 400);
    }

    @Test
    void aRotatedSecretIsStillAcceptedDuringRotation() {
        String body = Samples.read("shopify/orders_paid.json");
        ProviderConfig rotating = new ProviderConfig("shopify", Map.of(ShopifyProvider.CLIENT_SECRET, SECRET,
                ShopifyProvider.PREVIOUS_CLIENT_SECRET, OLD_SECRET), Map.of(), Map.of(), null);
        assertThat(deliver(body, headers("orders/paid", body, OLD_SECRET), rotating).events()).hasSize(1);
        assertThat(deliver(body, headers("orders/paid", body, SECRET), rotating).events()).hasSize(1);
        assertRejected(body, headers("orders/paid", body, OLD_SECRET), CONFIG, 401);
    }

    @Test
    void badHmacsAreUnauthorized() {
        String body = Samples.read("shopify/orders_paid.json");
        Map<String, String> good = headers("orders/paid", body, SECRET);
        assertRejected(body.replace("\"total_price\": \"404.95\"", "\"total_price\": \"0.01\""), good, CONFIG, 401);
        assertRejected(body, headers("orders/paid", body, "another-secret"), CONFIG, 401);
        ProviderConfig otherSite = new ProviderConfig("shopify", Map.of(ShopifyProvider.CLIENT_SECRET, "other-site-secret"),
                Map.of(), Map.of(), null);
        assertRejected(body, good, otherSite, 401);
        for (String garbage : new String[] {null, "", "%%%not-base64%%%", "AAAA", hmac(body, SECRET).toLowerCase()}) {
            Map<String, String> h = new HashMap<>(good);
            if (garbage == null) {
                h.remove("X-Shopify-Hmac-SHA256");
            } else {
                h.put("X-Shopify-Hmac-SHA256", garbage);
            }
            assertRejected(body, h, CONFIG, 401);
        }
    }

    @Test
    void signedButMalformedRequestsAreBadRequests() {
        String sample = Samples.read("shopify/orders_paid.json");
        Map<String, String> noTopic = headers("orders/paid", sample, SECRET);
        noTopic.remove("X-Shopify-Topic");
        assertRejected(sample, noTopic, CONFIG, 400);
        for (String body : new String[] {
                sample.substring(0, sample.length() / 2),
                "[]",
                sample.replace("\"id\": 820982911946154508,", ""),
                sample.replace("\"id\": 820982911946154508,", "\"id\": 8.2e17,"),
                sample.replace("\"total_price\": \"404.95\"", "\"total_price\": \"4.049\""),
                sample.replace("\"updated_at\": \"2021-12-31T19:00:00-05:00\"", "\"updated_at\": \"yesterday\""),
        }) {
            assertRejected(body, headers("orders/paid", body, SECRET), CONFIG, 400);
        }
        String refund = Samples.read("shopify/refunds_create.json").replace("\"order_id\": 820982911946154508,\n  \"created_at\"",
                "\"created_at\"");
        assertRejected(refund, headers("refunds/create", refund, SECRET), CONFIG, 400);
    }

    private void assertRejected(String body, Map<String, String> headers, ProviderConfig config, int status) {
        assertThatThrownBy(() -> deliver(body, headers, config))
                .isInstanceOfSatisfying(CallbackRejection.class, r -> assertThat(r.status()).isEqualTo(status));
    }
}

package dev.orderhub.local.callbacks;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.TestHub;
import dev.orderhub.provider.xsolla.XsollaSignature;
import dev.orderhub.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Xsolla over the real local stack: HTTP gateway → Xsolla callback function → ElasticMQ → order
 * payment-events function → dynalite. Payloads are Xsolla's documented samples and SDK fixtures (samples/SOURCES.md),
 * signed as Xsolla signs them with the secret this test sets through the admin API.
 */
class XsollaCallbackIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private String clientId;
    private String adminKey;
    private String secret;

    @BeforeEach
    void newSite() {
        JsonNode site = TestHub.newSite("Xsolla test site");
        clientId = site.get("clientId").asText();
        adminKey = site.get("adminKey").asText();
        secret = UUID.randomUUID().toString();
        TestHub.Response r = TestHub.putProvider(clientId, "xsolla", adminKey, Map.of(
                "projectSecret", secret, "userValidation", "list", "allowedUsers", "1234567, other-user"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(secret);
        assertThat(r.json().get("settings").get("userValidation").asText()).isEqualTo("list");
        assertThat(r.json().get("secrets").has("projectSecret")).isTrue();
    }

    /** The sample with the test flag removed (a live payment) unless {@code test}. */
    private static String payment(boolean test) {
        ObjectNode p = (ObjectNode) Json.parse(Samples.read("xsolla/payment.json"));
        if (!test) {
            ((ObjectNode) p.get("transaction")).remove("dry_run");
        }
        return p.toString();
    }

    private TestHub.Response deliver(String body) {
        return deliver(body, XsollaSignature.header(body.getBytes(StandardCharsets.UTF_8), secret));
    }

    private TestHub.Response deliver(String body, String authorization) {
        return TestHub.send("POST", "/callbacks/xsolla/" + clientId, "application/json", body,
                authorization == null ? Map.of() : Map.of("authorization", authorization));
    }

    private List<JsonNode> orders() {
        return TestHub.orders(clientId, adminKey);
    }

    private JsonNode detail(JsonNode order) {
        return TestHub.orderDetail(clientId, adminKey, order);
    }

    private static void assertNoContent(TestHub.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void aSignedPaymentBecomesAPaidOrderWithItsAmount() {
        assertNoContent(deliver(payment(false)));

        List<JsonNode> orders = await(this::orders, o -> !o.isEmpty(), WAIT);
        assertThat(orders).hasSize(1);
        JsonNode order = orders.get(0);
        assertThat(order.get("provider").asText()).isEqualTo("xsolla");
        assertThat(order.get("status").asText()).isEqualTo("paid");
        assertThat(order.get("orderRef").asText()).isEqualTo("1");
        assertThat(order.get("amount").get("minor").asLong()).isEqualTo(20000);
        assertThat(order.get("amount").get("currency").asText()).isEqualTo("USD");
        assertThat(order.get("test").asBoolean()).isFalse();
        assertThat(order.get("buyer").get("email").asText()).isEqualTo("support@xsolla.com");
    }

    @Test
    void theSameDeliveryTwiceChangesNothing() throws Exception {
        String body = payment(false);
        assertNoContent(deliver(body));
        assertNoContent(deliver(body));
        List<JsonNode> orders = await(this::orders, o -> !o.isEmpty(), WAIT);
        await(() -> TestHub.queueDepth("PaymentEventsQueue"), d -> d == 0, WAIT);
        Thread.sleep(1500);

        orders = orders();
        assertThat(orders).hasSize(1);
        JsonNode detail = detail(orders.get(0));
        assertThat(detail.get("history")).hasSize(1);
        assertThat(detail.get("history").get(0).get("eventId").asText()).isEqualTo("payment:1");
        assertThat(detail.get("version").asLong()).as("one write: the event with its match decision").isEqualTo(1);
    }

    @Test
    void aPaymentThenItsOrderPaidThenARefundIsOneRefundedOrder() {
        assertNoContent(deliver(payment(false)));
        await(this::orders, o -> !o.isEmpty(), WAIT);
        assertNoContent(deliver(Samples.read("xsolla/order_paid.json"))); // separate variant: order.invoice_id = 1
        assertNoContent(deliver(Samples.read("xsolla/refund.json")));

        List<JsonNode> orders = await(this::orders,
                o -> !o.isEmpty() && "refunded".equals(o.get(0).get("status").asText()), WAIT);
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).get("status").asText()).isEqualTo("refunded");
        JsonNode detail = await(() -> detail(orders.get(0)), d -> d.get("history").size() == 3, WAIT);
        assertThat(detail.get("history")).extracting(h -> h.get("eventId").asText())
                .containsExactlyInAnyOrder("payment:1", "order_paid:1", "refund:1");
    }

    @Test
    void aDryRunPaymentIsATestOrder() {
        assertNoContent(deliver(payment(true)));
        List<JsonNode> orders = await(this::orders, o -> !o.isEmpty(), WAIT);
        assertThat(orders.get(0).get("test").asBoolean()).isTrue();
        assertThat(orders.get(0).get("status").asText()).isEqualTo("paid");
    }

    @Test
    void subscriptionNotificationsKeepTheSubscriptionRecordAndMakeNoOrder() {
        TestHub.get();
        var records = dev.orderhub.local.TestHub.stack().records();
        assertNoContent(deliver(Samples.read("xsolla/create_subscription.json")));
        var created = await(() -> records.find(clientId, "xsolla", "subscription", "10"), r -> r.isPresent(), WAIT);
        assertThat(created).isPresent();
        assertThat(created.get().data().get("status").asText()).isEqualTo("active");
        assertThat(created.get().data().get("plan_id").asText()).isEqualTo("b5dac9c8");

        assertNoContent(deliver(Samples.read("xsolla/cancel_subscription.json")));
        var canceled = await(() -> records.find(clientId, "xsolla", "subscription", "10"),
                r -> r.isPresent() && "canceled".equals(r.get().data().get("status").asText()), WAIT);
        assertThat(canceled.get().data().get("status").asText()).isEqualTo("canceled");
        assertThat(canceled.get().data().get("date_end").asText()).isEqualTo("2015-01-22T19:25:25+04:00");
        assertThat(orders()).isEmpty();
    }

    @Test
    void userValidationIsAnsweredAtOnceAndQueuesNothing() {
        LocalHub hub = TestHub.get();
        TestHub.pauseConsumersWhenDrained();
        try {
            assertThat(TestHub.queueDepth("PaymentEventsQueue")).isZero();
            String known = Samples.read("xsolla/user_validation.json"); // user.id 1234567
            assertNoContent(deliver(known));

            TestHub.Response unknown = deliver(known.replace("\"1234567\"", "\"7654321\""));
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.json().get("error").get("code").asText()).isEqualTo("INVALID_USER");
            assertThat(unknown.json().get("error").get("message").asText()).isNotBlank();

            assertThat(TestHub.queueDepth("PaymentEventsQueue")).isZero();
        } finally {
            hub.pauseConsumers(false);
        }
    }

    @Test
    void refusedCallbacksAreAnsweredInXsollasShapeAndNeverQueued() {
        LocalHub hub = TestHub.get();
        TestHub.pauseConsumersWhenDrained();
        try {
            assertThat(TestHub.queueDepth("PaymentEventsQueue")).isZero();
            String body = payment(false);
            String good = XsollaSignature.header(body.getBytes(StandardCharsets.UTF_8), secret);

            for (TestHub.Response bad : List.of(
                    deliver(body.replace("support@xsolla.com", "attacker@example.com"), good),
                    deliver(body, XsollaSignature.header(body.getBytes(StandardCharsets.UTF_8), "another-sites-secret")),
                    deliver(body, null),
                    deliver(body, good.replace("Signature ", "Bearer ")),
                    deliver(body.substring(0, body.length() - 10), good))) {
                assertThat(bad.status()).as(bad.body()).isEqualTo(400);
                assertThat(bad.json().get("error").get("code").asText()).isEqualTo("INVALID_SIGNATURE");
            }
            TestHub.Response notJson = deliver("{\"notification_type\":");
            assertThat(notJson.status()).isEqualTo(400);
            assertThat(notJson.json().get("error").get("code").asText()).isEqualTo("INVALID_PARAMETER");

            TestHub.Response noSite = TestHub.send("POST", "/callbacks/xsolla/site_doesnotexist", "application/json", body,
                    Map.of("authorization", good));
            assertThat(noSite.status()).isEqualTo(404);
            assertThat(noSite.json().get("error").get("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(TestHub.send("POST", "/callbacks/xsolla/" + clientId, "application/x-www-form-urlencoded", body,
                    Map.of("authorization", good)).status()).isEqualTo(415);
            String huge = body.substring(0, body.length() - 1) + ",\"pad\":\"" + "x".repeat(200 * 1024) + "\"}";
            assertThat(deliver(huge).status()).isEqualTo(413);

            assertThat(TestHub.queueDepth("PaymentEventsQueue")).isZero();
        } finally {
            hub.pauseConsumers(false);
        }
        assertThat(orders()).isEmpty();
    }

    @Test
    void settingsAreValidatedByTheAdminApi() {
        TestHub.Response bad = TestHub.putProvider(clientId, "xsolla", adminKey, Map.of("userValidation", "everyone"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").get("field").asText()).isEqualTo("userValidation");

        TestHub.Response unknown = TestHub.putProvider(clientId, "xsolla", adminKey, Map.of("verificationToken", "x"));
        assertThat(unknown.status()).isEqualTo(400);

        TestHub.Response ok = TestHub.putProvider(clientId, "xsolla", adminKey, Map.of("userValidation", "allow_all"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("settings").get("userValidation").asText()).isEqualTo("allow_all");
        assertThat(ok.json().get("settings").get("allowedUsers").asText()).as("omitted settings keep their value")
                .isEqualTo("1234567, other-user");
        assertThat(ok.json().get("secrets").has("projectSecret")).as("secrets kept").isTrue();
    }
}

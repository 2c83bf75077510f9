package dev.orderhub.provider.xsolla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.money.Money;
import dev.orderhub.provider.CallbackDecision;
import dev.orderhub.provider.CallbackRejection;
import dev.orderhub.record.NormalizedRecord;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Payloads: Xsolla's documented samples and its PHP SDK's fixtures (samples/xsolla, SOURCES.md).
 * The combined order_paid is built from them (no published sample was found): the separate
 * order_paid with the payment sample's data in a {@code billing} object, as third-party code
 * reproducing Xsolla's combined example shows it.
 */
class XsollaProviderTest {
    private static final String SECRET = "xsolla-project-secret";
    private static final ProviderConfig CONFIG = config(Map.of());
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final XsollaProvider xsolla = new XsollaProvider();

    private static ProviderConfig config(Map<String, String> settings) {
        return new ProviderConfig("xsolla", Map.of(XsollaProvider.PROJECT_SECRET, SECRET), Map.of(), settings, null);
    }

    private CallbackDecision deliver(String body, ProviderConfig config) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return xsolla.verifyAndNormalize(Requests.post("site_abcd", "application/json", body,
                Map.of("Authorization", XsollaSignature.header(bytes, SECRET))), config, "site_abcd", NOW);
    }

    private PaymentEvent accept(String body) {
        CallbackDecision d = deliver(body, CONFIG);
        assertThat(d.events()).hasSize(1);
        return d.events().get(0);
    }

    private PaymentEvent sample(String name) {
        return accept(Samples.read("xsolla/" + name + ".json"));
    }

    private CallbackRejection rejection(Runnable call) {
        try {
            call.run();
        } catch (CallbackRejection r) {
            return r;
        }
        throw new AssertionError("not rejected");
    }

    @Test
    void paymentIsASucceededPaymentOfItsTransaction() {
        PaymentEvent e = sample("payment");
        assertThat(e.kind()).isEqualTo(EventKind.PAYMENT_SUCCEEDED);
        assertThat(e.eventId()).isEqualTo("payment:1");
        assertThat(e.orderRef()).isEqualTo("1");
        assertThat(e.amount()).as("purchase.total, 200 as a JSON number").isEqualTo(Money.ofMinor(20000, "USD"));
        assertThat(e.test()).as("transaction.dry_run = 1").isTrue();
        assertThat(e.occurredAt()).isEqualTo("2014-09-24T16:38:16Z");
        assertThat(e.receivedAt()).isEqualTo(NOW.toString());
        assertThat(e.buyer().name()).isEqualTo("Xsolla User");
        assertThat(e.buyer().email()).isEqualTo("support@xsolla.com");
        assertThat(e.items()).contains("test_item1 x1", "Coins x10", "subscription 1");
        assertThat(e.attributes()).containsEntry("xsolla.transaction_id", "1").containsEntry("xsolla.user_id", "1234567");
        assertThat(e.provider()).isEqualTo("xsolla");
        assertThat(e.clientId()).isEqualTo("site_abcd");
        assertThat(e.raw()).isEqualTo(Samples.read("xsolla/payment.json"));
    }

    @Test
    void separateOrderPaidLandsOnThePaymentsOrderThroughItsInvoiceId() {
        PaymentEvent paid = sample("order_paid");
        assertThat(paid.kind()).isEqualTo(EventKind.PAYMENT_SUCCEEDED);
        assertThat(paid.orderRef()).as("order.invoice_id = payment's transaction.id").isEqualTo(sample("payment").orderRef());
        assertThat(paid.eventId()).isEqualTo("order_paid:1");
        assertThat(paid.amount()).as("virtual-currency order: no money amount").isNull();
        assertThat(paid.test()).as("mode default, no dry_run").isFalse();
        assertThat(paid.items()).containsExactly("virtual-good-item_test x3", "virtual-good-item_test_bundle x1", "gold x1500");
        assertThat(paid.category()).isEqualTo("order");
        assertThat(paid.attributes()).containsEntry("xsolla.order_id", "1").containsEntry("xsolla.user_id", "id_xsolla_login_1");
    }

    @Test
    void combinedOrderPaidLandsOnTheSameOrderAndCarriesThePaymentsAmountAndTestFlag() {
        ObjectNode combined = (ObjectNode) Json.parse(Samples.read("xsolla/order_paid.json"));
        ((ObjectNode) combined.get("order")).remove("invoice_id");
        combined.set("billing", Json.parse(Samples.read("xsolla/payment.json")));
        PaymentEvent e = accept(combined.toString());
        assertThat(e.orderRef()).isEqualTo("1");
        assertThat(e.amount()).isEqualTo(Money.ofMinor(20000, "USD"));
        assertThat(e.test()).isTrue();
        assertThat(e.occurredAt()).isEqualTo("2014-09-24T16:38:16Z");
    }

    @Test
    void aRealMoneyOrderKeepsItsOwnAmountAndASandboxOrderIsATest() {
        ObjectNode order = (ObjectNode) Json.parse(Samples.read("xsolla/order_paid.json"));
        ((ObjectNode) order.get("order")).put("currency_type", "real").put("currency", "KRW").put("amount", "15000")
                .put("mode", "sandbox");
        PaymentEvent e = accept(order.toString());
        assertThat(e.amount()).isEqualTo(Money.ofMinor(15000, "KRW"));
        assertThat(e.test()).isTrue();
    }

    @Test
    void aFreeOrderWithoutTransactionIsKeyedByItsOrderId() {
        ObjectNode order = (ObjectNode) Json.parse(Samples.read("xsolla/order_paid.json"));
        ((ObjectNode) order.get("order")).putNull("invoice_id");
        assertThat(accept(order.toString()).orderRef()).isEqualTo("order-1");
    }

    @Test
    void orderCanceledCancelsTheSameOrder() {
        PaymentEvent e = sample("order_canceled");
        assertThat(e.kind()).isEqualTo(EventKind.PAYMENT_CANCELED);
        assertThat(e.orderRef()).isEqualTo("1");
        assertThat(e.eventId()).isEqualTo("order_canceled:1");
    }

    @Test
    void refundIsAFullRefundOfTheTransaction() {
        PaymentEvent e = sample("refund");
        assertThat(e.kind()).isEqualTo(EventKind.REFUNDED);
        assertThat(e.orderRef()).isEqualTo("1");
        assertThat(e.eventId()).isEqualTo("refund:1");
        assertThat(e.amount()).as("null = the whole purchase").isNull();
        assertThat(e.test()).isTrue();
        assertThat(e.attributes()).containsEntry("xsolla.refund_reason", "Fraud");
    }

    @Test
    void partialRefundsCarryTheirAmountAndEachIsItsOwnEvent() {
        ObjectNode partial = (ObjectNode) Json.parse(Samples.read("xsolla/refund.json"));
        partial.put("notification_type", "partial_refund");
        ((ObjectNode) partial.get("payment_details").get("payment")).put("amount", "12.34");
        PaymentEvent first = accept(partial.toString());
        assertThat(first.kind()).isEqualTo(EventKind.REFUNDED);
        assertThat(first.orderRef()).isEqualTo("1");
        assertThat(first.amount()).isEqualTo(Money.ofMinor(1234, "USD"));
        assertThat(first.eventId()).startsWith("partial_refund:1:");
        assertThat(accept(partial.toString()).eventId()).as("a redelivery").isEqualTo(first.eventId());

        ((ObjectNode) partial.get("payment_details").get("payment")).put("amount", 5.5);
        PaymentEvent second = accept(partial.toString());
        assertThat(second.amount()).as("a JSON number, read exactly").isEqualTo(Money.ofMinor(550, "USD"));
        assertThat(second.eventId()).isNotEqualTo(first.eventId());
    }

    @Test
    void aRefundStatingAnAmountIsPartial() {
        ObjectNode refund = (ObjectNode) Json.parse(Samples.read("xsolla/refund.json"));
        ((ObjectNode) refund.get("refund_details")).put("amount", "0.10").put("currency", "USD");
        assertThat(accept(refund.toString()).amount()).isEqualTo(Money.ofMinor(10, "USD"));
    }

    @Test
    void amountsAreExactEvenWhenSentAsLongJsonNumbers() {
        ObjectNode payment = (ObjectNode) Json.parse(Samples.read("xsolla/payment.json"));
        ((ObjectNode) payment.get("purchase").get("total")).set("amount",
                Json.MAPPER.getNodeFactory().numberNode(new java.math.BigDecimal("12345678901234.57")));
        String body = payment.toString();
        assertThat(body).contains("12345678901234.57");
        assertThat(accept(body).amount()).isEqualTo(Money.ofMinor(1234567890123457L, "USD"));
    }

    @Test
    void subscriptionsBecomeSubscriptionEventsWithARecord() {
        PaymentEvent created = sample("create_subscription");
        assertThat(created.kind()).isEqualTo(EventKind.SUBSCRIPTION_STARTED);
        assertThat(created.orderRef()).isEqualTo("subscription-10");
        assertThat(created.eventId()).startsWith("create_subscription:10:");
        NormalizedRecord r = created.records().get(0);
        assertThat(r.type()).isEqualTo("subscription");
        assertThat(r.provider()).isEqualTo("xsolla");
        assertThat(r.id()).isEqualTo("10");
        assertThat(r.schemaVersion()).isEqualTo(1);
        assertThat(r.createdAt()).isEqualTo("2014-09-22T15:25:25Z");
        assertThat(r.sourceUpdated()).isEqualTo(NOW.toString());
        JsonNode d = r.data();
        assertThat(d.get("status").asText()).isEqualTo("active");
        assertThat(d.get("plan_id").asText()).isEqualTo("b5dac9c8");
        assertThat(d.get("product_id").asText()).isEqualTo("Demo Product");
        assertThat(d.get("user_id").asText()).isEqualTo("1234567");
        assertThat(d.get("date_next_charge").asText()).isEqualTo("2015-01-22T19:25:25+04:00");
        assertThat(d.get("trial").get("value").asInt()).isEqualTo(90);
        assertThat(d.get("is_gift").asBoolean()).isTrue();
        assertThat(d.get("amount").isNull()).isTrue();

        PaymentEvent updated = sample("update_subscription");
        assertThat(updated.kind()).isEqualTo(EventKind.SUBSCRIPTION_UPDATED);
        assertThat(updated.records().get(0).data().get("status").asText()).isEqualTo("active");

        PaymentEvent nonRenewing = sample("non_renewal_subscription");
        assertThat(nonRenewing.kind()).isEqualTo(EventKind.SUBSCRIPTION_UPDATED);
        JsonNode nr = nonRenewing.records().get(0).data();
        assertThat(nr.get("status").asText()).isEqualTo("non_renewing");
        assertThat(nr.get("amount").get("minor").asLong()).as("0.03 as a JSON number").isEqualTo(3);
        assertThat(nr.get("amount").get("currency").asText()).isEqualTo("USD");
        assertThat(nonRenewing.amount()).isEqualTo(Money.ofMinor(3, "USD"));

        PaymentEvent canceled = sample("cancel_subscription");
        assertThat(canceled.kind()).isEqualTo(EventKind.SUBSCRIPTION_CANCELED);
        JsonNode c = canceled.records().get(0).data();
        assertThat(c.get("status").asText()).isEqualTo("canceled");
        assertThat(c.get("plan_id").asText()).as("a JSON number in the SDK fixture").isEqualTo("1");
        assertThat(c.get("date_end").asText()).isEqualTo("2015-01-22T19:25:25+04:00");
    }

    @Test
    void aSubscriptionChangeIsANewEventAndARedeliveryIsNot() {
        String body = Samples.read("xsolla/update_subscription.json");
        String first = accept(body).eventId();
        assertThat(accept(body).eventId()).isEqualTo(first);
        assertThat(accept(body.replace("2015-01-22T19:25:25+04:00", "2015-02-22T19:25:25+04:00")).eventId()).isNotEqualTo(first);
    }

    @Test
    void userValidationAllowsEveryoneByDefaultAndQueuesNothing() {
        CallbackDecision d = deliver(Samples.read("xsolla/user_validation.json"), CONFIG);
        assertThat(d.events()).isEmpty();
        assertThat(xsolla.accepted(d).status()).isEqualTo(204);
        assertThat(xsolla.accepted(d).body()).isNull();
    }

    @Test
    void userValidationWithAListKnowsOnlyTheListedUsers() {
        String body = Samples.read("xsolla/user_validation.json"); // user.id 1234567
        ProviderConfig listed = config(Map.of("userValidation", "list", "allowedUsers", "42, 1234567 ,99"));
        assertThat(deliver(body, listed).events()).isEmpty();

        ProviderConfig other = config(Map.of("userValidation", "list", "allowedUsers", "42,12345678"));
        CallbackRejection r = rejection(() -> deliver(body, other));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("INVALID_USER");
        var answer = xsolla.rejected(r);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(Json.parse(answer.body()).get("error").get("code").asText()).isEqualTo("INVALID_USER");

        assertThat(rejection(() -> deliver(body, config(Map.of("userValidation", "list")))).code())
                .as("list mode with no list knows nobody").isEqualTo("INVALID_USER");
        assertThat(deliver(body, config(Map.of("userValidation", "allow_all", "allowedUsers", "42"))).events()).isEmpty();
    }

    @Test
    void settingsAreValidated() {
        xsolla.validateSetting("userValidation", "list");
        xsolla.validateSetting("userValidation", "allow_all");
        xsolla.validateSetting("allowedUsers", "a,b, c");
        assertThatThrownBy(() -> xsolla.validateSetting("userValidation", "deny")).isInstanceOf(IllegalArgumentException.class);
        String tooMany = String.join(",", java.util.stream.IntStream.range(0, 1001).mapToObj(Integer::toString).toList());
        assertThatThrownBy(() -> xsolla.validateSetting("allowedUsers", tooMany)).hasMessageContaining("1000");
        assertThatThrownBy(() -> xsolla.validateSetting("allowedUsers", "a\nb")).isInstanceOf(IllegalArgumentException.class);
        xsolla.validateSetting("projectId", "44056");
        assertThatThrownBy(() -> xsolla.validateSetting("projectId", "44056/../x")).isInstanceOf(IllegalArgumentException.class);
        xsolla.validateSetting("merchantId", "2340");
        assertThatThrownBy(() -> xsolla.validateSetting("merchantId", "2340?x=1")).isInstanceOf(IllegalArgumentException.class);
        // projectId and apiKey are for the reconciler's order look-ups (XsollaApiClient); merchantId,
        // projectId and apiKey for the subscription sync (XsollaSync)
        assertThat(xsolla.settingNames()).containsExactlyInAnyOrder("userValidation", "allowedUsers", "projectId", "merchantId");
        assertThat(xsolla.secretNames()).containsExactlyInAnyOrder("projectSecret", "previousProjectSecret", "apiKey");
    }

    @Test
    void theRotatedSecretIsAcceptedAlongsideTheNewOne() {
        ProviderConfig rotated = new ProviderConfig("xsolla", Map.of(XsollaProvider.PROJECT_SECRET, "new-secret",
                XsollaProvider.PREVIOUS_PROJECT_SECRET, SECRET), Map.of(), Map.of(), null);
        assertThat(deliver(Samples.read("xsolla/payment.json"), rotated).events()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"payment", "order_paid", "refund", "user_validation", "create_subscription"})
    void badSignaturesAre400InvalidSignature(String name) {
        String body = Samples.read("xsolla/" + name + ".json");
        String good = XsollaSignature.header(body.getBytes(StandardCharsets.UTF_8), SECRET);
        String tampered = body.replace("1234567", "1234568").replace("\"id\": 1", "\"id\": 2");
        assertInvalidSignature(tampered, Map.of("Authorization", good));
        assertInvalidSignature(body, Map.of("Authorization", XsollaSignature.header(body.getBytes(StandardCharsets.UTF_8), "another-sites-secret")));
        assertInvalidSignature(body, Map.of());
        assertInvalidSignature(body, Map.of("Authorization", good.substring("Signature ".length())));
        assertInvalidSignature(body.substring(0, body.length() / 2), Map.of("Authorization", good));
    }

    @Test
    void aSiteWithoutSecretAcceptsNothing() {
        String body = Samples.read("xsolla/payment.json");
        ProviderConfig none = new ProviderConfig("xsolla", Map.of(), Map.of(), Map.of(), null);
        CallbackRejection r = rejection(() -> xsolla.verifyAndNormalize(Requests.post("site_abcd", "application/json", body,
                Map.of("Authorization", XsollaSignature.header(body.getBytes(StandardCharsets.UTF_8), ""))), none, "site_abcd", NOW));
        assertThat(r.code()).isEqualTo("INVALID_SIGNATURE");
    }

    private void assertInvalidSignature(String body, Map<String, String> headers) {
        CallbackRejection r = rejection(() -> xsolla.verifyAndNormalize(
                Requests.post("site_abcd", "application/json", body, headers), CONFIG, "site_abcd", NOW));
        assertThat(r.code()).isEqualTo("INVALID_SIGNATURE");
        var answer = xsolla.rejected(r);
        assertThat(answer.status()).isEqualTo(400);
        JsonNode error = Json.parse(answer.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("INVALID_SIGNATURE");
        assertThat(error.get("message").asText()).isNotBlank();
    }

    @Test
    void signedBodiesThatAreNotNotificationsAre400InvalidParameter() {
        for (String body : new String[] {"{\"notification_type\":", "[1,2]", "\"text\"", "{}", "{\"notification_type\":\"\"}"}) {
            CallbackRejection r = rejection(() -> deliver(body, CONFIG));
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.code()).as(body).isEqualTo("INVALID_PARAMETER");
        }
    }

    @Test
    void aSignedPurchaseTheHubCannotReadIsItsOwnFaultAndRetried() {
        // order_paid answered 4xx may be refunded automatically by Xsolla: never 4xx for a signed one.
        ObjectNode order = (ObjectNode) Json.parse(Samples.read("xsolla/order_paid.json"));
        order.remove("order");
        CallbackRejection r = rejection(() -> deliver(order.toString(), CONFIG));
        assertThat(r.status()).isEqualTo(500);
        assertThat(xsolla.rejected(r).status()).isEqualTo(500);

        ObjectNode partial = (ObjectNode) Json.parse(Samples.read("xsolla/refund.json"));
        partial.put("notification_type", "partial_refund");
        partial.remove("payment_details");
        assertThat(rejection(() -> deliver(partial.toString(), CONFIG)).status()).isEqualTo(500);

        ObjectNode sub = (ObjectNode) Json.parse(Samples.read("xsolla/cancel_subscription.json"));
        ((ObjectNode) sub.get("subscription")).remove("subscription_id");
        assertThat(rejection(() -> deliver(sub.toString(), CONFIG)).status()).isEqualTo(500);
    }

    @Test
    void untrackedNotificationTypesAreAcknowledgedAndIgnored() {
        CallbackDecision d = deliver("{\"notification_type\":\"afs_reject\",\"transaction\":{\"id\":5}}", CONFIG);
        assertThat(d.events()).isEmpty();
        assertThat(xsolla.accepted(d).status()).isEqualTo(204);
    }

    @Test
    void thePipelinesOwnRejectionsKeepXsollasErrorShape() {
        var generic = xsolla.rejected(CallbackRejection.badSignature("x"));
        assertThat(generic.status()).isEqualTo(400);
        var payload = xsolla.rejected(CallbackRejection.badRequest("x"));
        assertThat(Json.parse(payload.body()).get("error").get("code").asText()).isEqualTo("INVALID_PARAMETER");
        var notFound = xsolla.rejected(CallbackRejection.notFound());
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(Json.parse(notFound.body()).get("error").get("code").asText()).isEqualTo("NOT_FOUND");
        var unavailable = xsolla.rejected(new CallbackRejection(503, "TEMPORARILY_UNAVAILABLE", "later"));
        assertThat(unavailable.status()).isEqualTo(503);
    }
}

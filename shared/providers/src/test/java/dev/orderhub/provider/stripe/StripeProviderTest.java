package dev.orderhub.provider.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.provider.CallbackDecision;
import dev.orderhub.provider.CallbackRejection;
import dev.orderhub.record.NormalizedRecord;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stripe's documented and recorded event samples (samples/stripe, sources in samples/SOURCES.md),
 * signed here as Stripe would sign them.
 */
class StripeProviderTest {
    private static final String SECRET = "whsec_site_abcd_current";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final ProviderConfig CONFIG = config(Map.of(StripeProvider.WEBHOOK_SECRET, SECRET), Map.of());
    private static final String ZERO = "000000000000000000000000";
    private final StripeProvider stripe = new StripeProvider();

    private static ProviderConfig config(Map<String, String> secrets, Map<String, String> settings) {
        return new ProviderConfig("stripe", secrets, Map.of(), settings, null);
    }

    private CallbackDecision deliver(String body, ProviderConfig config, long t) {
        String header = StripeSignature.header(body.getBytes(StandardCharsets.UTF_8), SECRET, t);
        return stripe.verifyAndNormalize(Requests.post("site_abcd", "application/json; charset=utf-8", body,
                Map.of("Stripe-Signature", header)), config, "site_abcd", NOW);
    }

    private CallbackDecision deliver(String body) {
        return deliver(body, CONFIG, NOW.getEpochSecond());
    }

    private PaymentEvent only(String body) {
        CallbackDecision d = deliver(body);
        assertThat(d.events()).hasSize(1);
        return d.events().get(0);
    }

    static Stream<Arguments> samples() {
        // file, kind, event id, orderRef, amount (minor, USD; null = none), risk level, risk score, record types
        return Stream.of(
                Arguments.of("charge.succeeded", EventKind.PAYMENT_SUCCEEDED, "evt_1NG8Du2eZvKYlo2CUI79vXWy",
                        "ch_3MmlLrLkdIwHu7ix0snN0B15", 1099L, "normal", "32", List.of("charge")),
                Arguments.of("charge.captured", EventKind.PAYMENT_SUCCEEDED, "evt_" + ZERO, "ch_" + ZERO, 100L,
                        "normal", "64", List.of("charge")),
                Arguments.of("charge.failed", EventKind.PAYMENT_FAILED, "evt_" + ZERO, "pi_" + ZERO, 2000L,
                        "normal", "1", List.of("charge")),
                Arguments.of("charge.refunded", EventKind.REFUNDED, "re_" + ZERO, "ch_" + ZERO, 100L,
                        null, null, List.of("charge", "refund")),
                Arguments.of("charge.refund.updated", EventKind.REFUNDED, "re_" + ZERO, "ch_" + ZERO, 100L,
                        null, null, List.of("refund")),
                Arguments.of("refund.created", EventKind.REFUNDED, "re_1Nispe2eZvKYlo2Cd31jOCgZ",
                        "pi_1GszsK2eZvKYlo2CfhZyoZLp", 1000L, null, null, List.of("refund")),
                Arguments.of("charge.dispute.created", EventKind.DISPUTED, "evt_" + ZERO, "ch_" + ZERO, 100L,
                        null, null, List.of()),
                Arguments.of("payment_intent.succeeded", EventKind.PAYMENT_SUCCEEDED, "evt_" + ZERO, "pi_" + ZERO,
                        2000L, "normal", "2", List.of("charge")),
                Arguments.of("payment_intent.payment_failed", EventKind.PAYMENT_FAILED, "evt_" + ZERO, "pi_" + ZERO,
                        2000L, "normal", "1", List.of("charge")),
                Arguments.of("payment_intent.canceled", EventKind.PAYMENT_CANCELED, "evt_" + ZERO, "pi_" + ZERO,
                        2000L, null, null, List.of()),
                Arguments.of("payment_intent.amount_capturable_updated", EventKind.PAYMENT_AUTHORIZED, "evt_" + ZERO,
                        "pi_" + ZERO, 2000L, "normal", "2", List.of("charge")),
                Arguments.of("invoice.paid", EventKind.PAYMENT_SUCCEEDED, "evt_" + ZERO, "pi_" + ZERO, 2000L,
                        null, null, List.of("price")),
                Arguments.of("invoice.payment_failed", EventKind.PAYMENT_FAILED, "evt_" + ZERO, "pi_" + ZERO, 2000L,
                        null, null, List.of("price")),
                Arguments.of("customer.subscription.created", EventKind.SUBSCRIPTION_STARTED,
                        "evt_1NG8Du2eZvKYlo2CUI79vXWy", "sub_1MowQVLkdIwHu7ixeRlqHVzs", null, null, null,
                        List.of("subscription", "price")),
                Arguments.of("customer.subscription.updated", EventKind.SUBSCRIPTION_UPDATED, "evt_" + ZERO,
                        "sub_" + ZERO, null, null, null, List.of("subscription", "price")),
                Arguments.of("customer.subscription.deleted", EventKind.SUBSCRIPTION_CANCELED, "evt_" + ZERO,
                        "sub_" + ZERO, null, null, null, List.of("subscription", "price")),
                Arguments.of("customer.created", EventKind.RECORD, "evt_1NG8Du2eZvKYlo2CUI79vXWy",
                        "cus_NffrFeUfNV2Hib", null, null, null, List.of("customer")),
                Arguments.of("price.created", EventKind.RECORD, "evt_1NG8Du2eZvKYlo2CUI79vXWy",
                        "price_1MoBy5LkdIwHu7ixZhnattbh", null, null, null, List.of("price")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleIsNormalized(String sample, EventKind kind, String eventId, String orderRef, Long minor,
            String riskLevel, String riskScore, List<String> recordTypes) {
        String body = Samples.read("stripe/" + sample + ".json");
        PaymentEvent e = only(body);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.eventId()).isEqualTo(eventId);
        assertThat(e.orderRef()).isEqualTo(orderRef);
        assertThat(e.provider()).isEqualTo("stripe");
        assertThat(e.clientId()).isEqualTo("site_abcd");
        if (minor == null) {
            assertThat(e.amount()).isNull();
        } else {
            assertThat(e.amount().minor()).isEqualTo(minor);
            assertThat(e.amount().currency()).isEqualTo("USD");
        }
        assertThat(e.attributes().get("stripe.risk_level")).isEqualTo(riskLevel);
        assertThat(e.attributes().get("stripe.risk_score")).isEqualTo(riskScore);
        assertThat(e.attributes()).containsEntry("stripe.event_type", sample);
        assertThat(e.test()).as("every sample has livemode false").isTrue();
        assertThat(e.records()).extracting(NormalizedRecord::type).containsExactlyInAnyOrderElementsOf(recordTypes);
        assertThat(e.records()).allSatisfy(r -> {
            assertThat(r.provider()).isEqualTo("stripe");
            assertThat(r.test()).isTrue();
            assertThat(r.sourceUpdated()).isEqualTo(e.occurredAt());
        });
        long created = Json.parse(body).get("created").asLong();
        assertThat(e.occurredAt()).isEqualTo(Instant.ofEpochSecond(created).toString());
        assertThat(e.receivedAt()).isEqualTo(NOW.toString());
        assertThat(Json.parse(e.raw()).get("id").asText()).isEqualTo(Json.parse(body).get("id").asText());
    }

    @Test
    void chargeRecordKeepsRadarAndMinorUnits() {
        NormalizedRecord charge = only(Samples.read("stripe/charge.succeeded.json")).records().get(0);
        assertThat(charge.id()).isEqualTo("ch_3MmlLrLkdIwHu7ix0snN0B15");
        assertThat(charge.createdAt()).isEqualTo("2023-03-17T22:02:19Z");
        JsonNode d = charge.data();
        assertThat(d.get("amount").asLong()).isEqualTo(1099);
        assertThat(d.get("currency").asText()).isEqualTo("USD");
        assertThat(d.get("risk_level").asText()).isEqualTo("normal");
        assertThat(d.get("risk_score").asInt()).isEqualTo(32);
        assertThat(d.get("balance_transaction").asText()).isEqualTo("txn_3MmlLrLkdIwHu7ix0uke3Ezy");
        assertThat(d.get("card_last4").asText()).isEqualTo("4242");
        assertThat(d.get("payment_intent").isNull()).isTrue();
    }

    @Test
    void liveEventsAreNotTest() {
        ObjectNode event = (ObjectNode) Json.parse(Samples.read("stripe/charge.succeeded.json"));
        event.put("livemode", true);
        PaymentEvent e = only(event.toString());
        assertThat(e.test()).isFalse();
        assertThat(e.records()).allSatisfy(r -> assertThat(r.test()).isFalse());
    }

    @Test
    void aChargeOfAPaymentIntentBelongsToTheIntentsOrder() {
        ObjectNode event = (ObjectNode) Json.parse(Samples.read("stripe/charge.succeeded.json"));
        ((ObjectNode) event.get("data").get("object")).put("payment_intent", "pi_same_purchase");
        assertThat(only(event.toString()).orderRef()).isEqualTo("pi_same_purchase");
    }

    @Test
    void anUncapturedChargeIsOnlyAnAuthorization() {
        ObjectNode event = (ObjectNode) Json.parse(Samples.read("stripe/charge.succeeded.json"));
        ((ObjectNode) event.get("data").get("object")).put("captured", false);
        assertThat(only(event.toString()).kind()).isEqualTo(EventKind.PAYMENT_AUTHORIZED);
    }

    @Test
    void zeroDecimalCurrenciesAreAlreadyWholeUnits() {
        ObjectNode event = (ObjectNode) Json.parse(Samples.read("stripe/charge.succeeded.json"));
        ObjectNode charge = (ObjectNode) event.get("data").get("object");
        charge.put("currency", "jpy");
        charge.put("amount", 500);
        PaymentEvent e = only(event.toString());
        assertThat(e.amount().minor()).isEqualTo(500);
        assertThat(e.amount().currency()).isEqualTo("JPY");
        assertThat(e.amount().toDecimalString()).isEqualTo("500");
    }

    @Test
    void stripesOwnMinorUnitsBecomeIsoMinorUnits() {
        ObjectNode event = (ObjectNode) Json.parse(Samples.read("stripe/charge.succeeded.json"));
        ObjectNode charge = (ObjectNode) event.get("data").get("object");
        // ISK: two-decimal in Stripe's API ("100 represents 1 króna"), zero-decimal in ISO 4217.
        charge.put("currency", "isk").put("amount", 10000);
        assertThat(only(event.toString()).amount()).isEqualTo(dev.orderhub.money.Money.ofMinor(100, "ISK"));
        // MGA: zero-decimal at Stripe, two-decimal in ISO 4217.
        charge.put("currency", "mga").put("amount", 5000);
        assertThat(only(event.toString()).amount().toDecimalString()).isEqualTo("5000.00");
        // KWD: three-decimal at Stripe and in ISO 4217.
        charge.put("currency", "kwd").put("amount", 5120);
        assertThat(only(event.toString()).amount().toDecimalString()).isEqualTo("5.120");
        // Fractional króna (refused by Stripe since April 2023) cannot be an exact ISK amount.
        charge.put("currency", "isk").put("amount", 10050);
        assertRejected(() -> deliver(event.toString()), "INVALID_PAYLOAD");
    }

    @Test
    void buyerComesFromBillingDetailsThenReceiptEmail() {
        ObjectNode event = (ObjectNode) Json.parse(Samples.read("stripe/charge.succeeded.json"));
        ObjectNode charge = (ObjectNode) event.get("data").get("object");
        charge.put("receipt_email", "receipt@example.com");
        assertThat(only(event.toString()).buyer()).isEqualTo(new PaymentEvent.Buyer(null, "receipt@example.com"));
        ((ObjectNode) charge.get("billing_details")).put("name", "Jenny Rosen").put("email", "jenny@example.com");
        assertThat(only(event.toString()).buyer()).isEqualTo(new PaymentEvent.Buyer("Jenny Rosen", "jenny@example.com"));
    }

    @Test
    void chargeRefundedEmitsOneEventPerRefundKeyedByTheRefundId() {
        ObjectNode event = (ObjectNode) Json.parse(Samples.read("stripe/charge.refunded.json"));
        ObjectNode charge = (ObjectNode) event.get("data").get("object");
        ObjectNode second = ((ObjectNode) charge.get("refunds").get("data").get(0)).deepCopy();
        second.put("id", "re_second").put("amount", 30);
        ObjectNode failed = second.deepCopy().put("id", "re_failed").put("status", "failed");
        ((com.fasterxml.jackson.databind.node.ArrayNode) charge.get("refunds").get("data")).add(second).add(failed);
        CallbackDecision d = deliver(event.toString());
        assertThat(d.events()).extracting(PaymentEvent::eventId).containsExactly("re_" + ZERO, "re_second");
        assertThat(d.events()).extracting(e -> e.amount().minor()).containsExactly(100L, 30L);
        assertThat(d.events()).allSatisfy(e -> assertThat(e.kind()).isEqualTo(EventKind.REFUNDED));
        // The records ride once, on the first event; the failed refund is still recorded.
        assertThat(d.events().get(0).records()).extracting(NormalizedRecord::id)
                .contains("ch_" + ZERO, "re_" + ZERO, "re_second", "re_failed");
        assertThat(d.events().get(1).records()).isEmpty();
    }

    @Test
    void refundCreatedForARefundAlreadySeenInChargeRefundedHasTheSameEventId() {
        String fromCharge = deliver(Samples.read("stripe/charge.refunded.json")).events().get(0).eventId();
        String fromUpdate = only(Samples.read("stripe/charge.refund.updated.json")).eventId();
        assertThat(fromCharge).isEqualTo(fromUpdate).startsWith("re_");
    }

    @Test
    void chargeRefundedWithoutARefundsListCountsOnlyTheIncrease() {
        ObjectNode event = (ObjectNode) Json.parse(Samples.read("stripe/charge.refunded.json"));
        ObjectNode charge = (ObjectNode) event.get("data").get("object");
        charge.remove("refunds"); // as in API versions since 2022-11-15
        charge.put("amount_refunded", 70);
        ((ObjectNode) event.get("data").get("previous_attributes")).put("amount_refunded", 40);
        PaymentEvent e = only(event.toString());
        assertThat(e.kind()).isEqualTo(EventKind.REFUNDED);
        assertThat(e.eventId()).isEqualTo("ch_" + ZERO + ":refunded:70");
        assertThat(e.amount().minor()).isEqualTo(30);

        ((ObjectNode) event.get("data")).remove("previous_attributes");
        PaymentEvent first = only(event.toString());
        assertThat(first.amount().minor()).as("no previous value: the first refund").isEqualTo(70);
        assertThat(first.eventId()).isEqualTo(e.eventId());
    }

    @Test
    void aFailedOrCanceledRefundIsNotARefundButIsRecorded() {
        for (String status : List.of("failed", "canceled")) {
            ObjectNode event = (ObjectNode) Json.parse(Samples.read("stripe/charge.refund.updated.json"));
            ((ObjectNode) event.get("data").get("object")).put("status", status);
            PaymentEvent e = only(event.toString());
            assertThat(e.kind()).isEqualTo(EventKind.RECORD);
            assertThat(e.eventId()).isEqualTo("evt_" + ZERO);
            assertThat(e.records()).singleElement().satisfies(r -> assertThat(r.data().get("status").asText()).isEqualTo(status));
        }
    }

    @Test
    void anExpandedBalanceTransactionIsRecorded() {
        ObjectNode event = (ObjectNode) Json.parse(Samples.read("stripe/charge.succeeded.json"));
        ((ObjectNode) event.get("data").get("object")).set("balance_transaction",
                Json.parse(Samples.read("stripe/balance_transaction.json")));
        PaymentEvent e = only(event.toString());
        assertThat(e.records()).extracting(NormalizedRecord::type).containsExactlyInAnyOrder("charge", "balance_transaction");
        NormalizedRecord charge = e.records().stream().filter(r -> r.type().equals("charge")).findFirst().orElseThrow();
        assertThat(charge.data().get("balance_transaction").asText()).isEqualTo("txn_1MiN3gLkdIwHu7ixxapQrznl");
    }

    /** Stripe sends no balance_transaction event; an event carrying one (here a test envelope) is a record. */
    @Test
    void anEventCarryingABalanceTransactionIsARecord() {
        PaymentEvent e = only(StripeSamples.envelope("test.balance_transaction", Samples.read("stripe/balance_transaction.json")));
        assertThat(e.kind()).isEqualTo(EventKind.RECORD);
        assertThat(e.orderRef()).isEqualTo("txn_1MiN3gLkdIwHu7ixxapQrznl");
        JsonNode d = e.records().get(0).data();
        assertThat(d.get("amount").asLong()).isEqualTo(-400);
        assertThat(d.get("type").asText()).isEqualTo("transfer");
    }

    @Test
    void customerDeletedMarksTheCustomerRecord() {
        ObjectNode event = (ObjectNode) Json.parse(Samples.read("stripe/customer.created.json"));
        event.put("type", "customer.deleted");
        assertThat(only(event.toString()).records().get(0).data().get("deleted").asBoolean()).isTrue();
        event.put("type", "customer.updated");
        assertThat(only(event.toString()).records().get(0).data().get("deleted").asBoolean()).isFalse();
    }

    @Test
    void unknownEventTypesAreAcceptedButNotQueued() {
        ObjectNode event = (ObjectNode) Json.parse(Samples.read("stripe/charge.succeeded.json"));
        event.put("type", "payout.paid");
        CallbackDecision d = deliver(event.toString());
        assertThat(d.events()).isEmpty();
        assertThat(d.note()).contains("payout.paid");
        assertThat(stripe.accepted(d).status()).isEqualTo(200);
        assertThat(Json.parse(stripe.accepted(d).body())).isEqualTo(Json.parse("{\"received\":true}"));
    }

    @Test
    void theClientSecretOfAPaymentIntentIsNotKept() {
        String body = Samples.read("stripe/payment_intent.succeeded.json");
        assertThat(body).contains("client_secret");
        PaymentEvent e = only(body);
        assertThat(e.raw()).doesNotContain("client_secret");
        assertThat(Json.parse(e.raw()).get("data").get("object").get("amount").asLong()).isEqualTo(2000);
    }

    /** JSON may spell the key with escapes; Stripe does not, but the stored event must not depend on it. */
    @Test
    void theClientSecretIsNotKeptWhenItsKeyIsWrittenWithEscapes() {
        String plain = Samples.read("stripe/payment_intent.succeeded.json");
        String secretValue = Json.parse(plain).get("data").get("object").get("client_secret").asText();
        String body = plain.replace("\"client_secret\"", "\"client\\u005fsecret\"");
        assertThat(body).doesNotContain("client_secret").contains("client\\u005fsecret");
        PaymentEvent e = only(body);
        assertThat(e.raw()).doesNotContain(secretValue).doesNotContain("client_secret").doesNotContain("u005f");
        assertThat(Json.parse(e.raw()).get("data").get("object").get("amount").asLong()).isEqualTo(2000);
    }

    @Test
    void wrongSecretAnotherSitesSecretAndMissingHeaderAreBadRequests() {
        String body = Samples.read("stripe/charge.succeeded.json");
        ProviderConfig other = config(Map.of(StripeProvider.WEBHOOK_SECRET, "whsec_another_site"), Map.of());
        assertRejected(() -> deliver(body, other, NOW.getEpochSecond()), "INVALID_SIGNATURE");
        assertRejected(() -> stripe.verifyAndNormalize(Requests.post("site_abcd", "application/json", body, Map.of()),
                CONFIG, "site_abcd", NOW), "MISSING_SIGNATURE");
        assertRejected(() -> deliver(body, config(Map.of(), Map.of()), NOW.getEpochSecond()), "INVALID_SIGNATURE");
    }

    @Test
    void aTamperedBodyIsABadRequest() {
        String body = Samples.read("stripe/charge.succeeded.json");
        String header = StripeSignature.header(body.getBytes(StandardCharsets.UTF_8), SECRET, NOW.getEpochSecond());
        String tampered = body.replace("\"amount\": 1099", "\"amount\": 1");
        assertRejected(() -> stripe.verifyAndNormalize(Requests.post("site_abcd", "application/json", tampered,
                Map.of("Stripe-Signature", header)), CONFIG, "site_abcd", NOW), "INVALID_SIGNATURE");
    }

    @Test
    void thePreviousSecretIsAcceptedDuringRotation() {
        String body = Samples.read("stripe/charge.succeeded.json");
        ProviderConfig rotating = config(Map.of(StripeProvider.WEBHOOK_SECRET, "whsec_new",
                StripeProvider.PREVIOUS_WEBHOOK_SECRET, SECRET), Map.of());
        assertThat(deliver(body, rotating, NOW.getEpochSecond()).events()).hasSize(1);
    }

    @Test
    void theSitesToleranceSettingIsUsed() {
        String body = Samples.read("stripe/charge.succeeded.json");
        long tenMinutesAgo = NOW.getEpochSecond() - 600;
        assertRejected(() -> deliver(body, CONFIG, tenMinutesAgo), "STALE_TIMESTAMP");
        Map<String, String> secrets = new HashMap<>(Map.of(StripeProvider.WEBHOOK_SECRET, SECRET));
        ProviderConfig relaxed = config(secrets, Map.of(StripeProvider.TOLERANCE_SECONDS, "900"));
        assertThat(deliver(body, relaxed, tenMinutesAgo).events()).hasSize(1);
    }

    @Test
    void toleranceSettingIsValidated() {
        stripe.validateSetting("toleranceSeconds", "1");
        stripe.validateSetting("toleranceSeconds", "3600");
        for (String bad : List.of("0", "3601", "-5", "abc", "", "1.5", "99999")) {
            assertThatThrownBy(() -> stripe.validateSetting("toleranceSeconds", bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(stripe.settingNames()).containsExactly("toleranceSeconds");
    }

    @Test
    void malformedButSignedBodiesAreBadRequests() {
        String truncated = Samples.read("stripe/charge.succeeded.json").substring(0, 200);
        assertRejected(() -> deliver(truncated), "INVALID_PAYLOAD");
        assertRejected(() -> deliver("[1,2]"), "INVALID_PAYLOAD");
        assertRejected(() -> deliver("{\"object\":\"charge\"}"), "INVALID_PAYLOAD");
        ObjectNode event = (ObjectNode) Json.parse(Samples.read("stripe/charge.succeeded.json"));
        event.put("type", "refund.created"); // a charge where a refund must be
        assertRejected(() -> deliver(event.toString()), "INVALID_PAYLOAD");
        ObjectNode noAmount = (ObjectNode) Json.parse(Samples.read("stripe/charge.succeeded.json"));
        ((ObjectNode) noAmount.get("data").get("object")).put("amount", "10.99");
        assertRejected(() -> deliver(noAmount.toString()), "INVALID_PAYLOAD");
        ObjectNode noData = (ObjectNode) Json.parse(Samples.read("stripe/charge.succeeded.json"));
        noData.remove("data");
        assertRejected(() -> deliver(noData.toString()), "INVALID_PAYLOAD");
    }

    @Test
    void rejectionsUseTheHubsErrorShape() {
        var response = stripe.rejected(new CallbackRejection(400, "INVALID_SIGNATURE", "no v1 signature matches"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(Json.parse(response.body()).get("error").get("code").asText()).isEqualTo("INVALID_SIGNATURE");
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CallbackRejection.class, r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.code()).isEqualTo(code);
        });
    }
}

package dev.orderhub.provider.bmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Payloads: samples/bmc/*.json. BMC publishes none itself: these are <b>third-party copies</b>
 * (a Phoenix app's ExUnit test and a Django test, see samples/SOURCES.md), so field names and
 * values are unconfirmed by BMC.
 */
class BmcProviderTest {
    private static final String SECRET = "bmc-signing-secret-0123456789";
    private static final String OLD_SECRET = "bmc-signing-secret-previous-42";
    private static final ProviderConfig CONFIG = new ProviderConfig("bmc", Map.of(BmcProvider.SIGNING_SECRET, SECRET),
            Map.of(), Map.of(), null);
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final BmcProvider bmc = new BmcProvider();

    static String sign(String body, String secret) {
        return HexFormat.of().formatHex(Signatures.hmacSha256(secret.getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private CallbackDecision deliver(String body, Map<String, String> headers, ProviderConfig config) {
        return bmc.verifyAndNormalize(Requests.post("site_abcd", "application/json", body, headers), config, "site_abcd", NOW);
    }

    private PaymentEvent accept(String body) {
        CallbackDecision d = deliver(body, Map.of("x-signature-sha256", sign(body, SECRET)), CONFIG);
        assertThat(d.events()).hasSize(1);
        return d.events().get(0);
    }

    private PaymentEvent acceptSample(String name) {
        return accept(Samples.read("bmc/" + name));
    }

    @Test
    void donationCreatedIsAPaymentOfItsTransaction() {
        PaymentEvent e = acceptSample("donation.created.json");
        assertThat(e.kind()).isEqualTo(EventKind.PAYMENT_SUCCEEDED);
        assertThat(e.eventId()).isEqualTo("1");
        assertThat(e.orderRef()).isEqualTo("pi_3Mc51bJEtINljGAa0zVykgUE");
        assertThat(e.amount()).isEqualTo(Money.ofMinor(500, "USD"));
        assertThat(e.test()).as("live_mode false").isTrue();
        assertThat(e.buyer()).isEqualTo(new PaymentEvent.Buyer("John", "john@example.com"));
        assertThat(e.message()).isEqualTo("Thanks for the good work");
        assertThat(e.category()).isEqualTo("donation");
        assertThat(e.occurredAt()).isEqualTo(Instant.ofEpochSecond(1761213479).toString());
        assertThat(e.provider()).isEqualTo("bmc");
        assertThat(e.raw()).isEqualTo(Samples.read("bmc/donation.created.json"));
    }

    @Test
    void donationRefundedIsAFullRefundOfTheSameOrder() {
        PaymentEvent e = acceptSample("donation.refunded.json");
        assertThat(e.kind()).isEqualTo(EventKind.REFUNDED);
        assertThat(e.eventId()).isEqualTo("5");
        assertThat(e.orderRef()).isEqualTo(acceptSample("donation.created.json").orderRef());
        assertThat(e.amount()).as("BMC refunds the whole payment").isNull();
        assertThat(e.test()).isTrue();
        assertThat(e.buyer().email()).isEqualTo("john@example.com");
    }

    @Test
    void extraPurchaseKeepsItsExtras() {
        PaymentEvent e = acceptSample("extra_purchase.created.json");
        assertThat(e.kind()).isEqualTo(EventKind.PAYMENT_SUCCEEDED);
        assertThat(e.eventId()).isEqualTo("1");
        assertThat(e.orderRef()).isEqualTo("pi_3Mc5I3JEtINljGAa0XZxB3XG");
        assertThat(e.amount()).isEqualTo(Money.ofMinor(7500, "USD"));
        assertThat(e.items()).containsExactly("Content Creation Advice x2");
        assertThat(e.buyer()).isEqualTo(new PaymentEvent.Buyer("John", "john@example.com"));
        assertThat(e.test()).isTrue();
        assertThat(e.category()).isEqualTo("extra_purchase");
    }

    @Test
    void membershipStartIsThePaymentOfTheSubscriptionAndCancelIsASubscriptionEvent() {
        PaymentEvent started = acceptSample("membership.started.json");
        assertThat(started.kind()).isEqualTo(EventKind.PAYMENT_SUCCEEDED);
        assertThat(started.orderRef()).as("memberships have psp_id, no transaction_id").isEqualTo("sub_1Mc70vJEtINljGAa1xaGI5q9");
        assertThat(started.amount()).isEqualTo(Money.ofMinor(100, "USD"));
        assertThat(started.items()).containsExactly("Basic");
        assertThat(started.attributes()).containsEntry("bmc.duration_type", "month");
        assertThat(started.buyer()).isEqualTo(new PaymentEvent.Buyer("John", "john@example.com"));
        assertThat(started.eventId()).isEqualTo("1");
        assertThat(started.test()).isTrue();

        PaymentEvent cancelled = acceptSample("membership.cancelled.json");
        assertThat(cancelled.kind()).isEqualTo(EventKind.SUBSCRIPTION_CANCELED);
        assertThat(cancelled.orderRef()).isEqualTo(started.orderRef());
        assertThat(cancelled.amount()).isEqualTo(Money.ofMinor(100, "USD"));
        assertThat(cancelled.buyer().name()).isEqualTo("John");
        assertThat(cancelled.test()).isTrue();
    }

    @Test
    void everyTrackedTypeMapsToItsKind() {
        Map<String, EventKind> expected = new HashMap<>();
        for (String family : new String[] {"donation", "extra_purchase", "commission_order", "wishlist_payment"}) {
            expected.put(family + ".created", EventKind.PAYMENT_SUCCEEDED);
            expected.put(family + ".refunded", EventKind.REFUNDED);
        }
        for (String family : new String[] {"membership", "recurring_donation"}) {
            expected.put(family + ".started", EventKind.PAYMENT_SUCCEEDED);
            expected.put(family + ".updated", EventKind.SUBSCRIPTION_UPDATED);
            expected.put(family + ".cancelled", EventKind.SUBSCRIPTION_CANCELED);
            expected.put(family + ".refunded", EventKind.REFUNDED);
        }
        expected.forEach((type, kind) -> {
            ObjectNode json = (ObjectNode) Json.parse(Samples.read("bmc/donation.created.json"));
            json.put("type", type);
            assertThat(accept(json.toString()).kind()).as(type).isEqualTo(kind);
        });
    }

    @Test
    void unknownTypesAreAcceptedAndIgnored() {
        for (String type : new String[] {"payout.created", "donation.exploded", "membership"}) {
            ObjectNode json = (ObjectNode) Json.parse(Samples.read("bmc/donation.created.json"));
            json.put("type", type);
            String body = json.toString();
            CallbackDecision d = deliver(body, Map.of("x-signature-sha256", sign(body, SECRET)), CONFIG);
            assertThat(d.events()).as(type).isEmpty();
            assertThat(d.note()).contains(type);
        }
    }

    @Test
    void liveModeIsNotTestAndDecimalAmountsAreExact() {
        ObjectNode json = (ObjectNode) Json.parse(Samples.read("bmc/donation.created.json"));
        json.put("live_mode", true);
        ((ObjectNode) json.get("data")).put("amount", new java.math.BigDecimal("4.10"));
        json.put("event_id", 9007199254740993L); // above 2^53: kept exact
        PaymentEvent e = accept(json.toString());
        assertThat(e.test()).isFalse();
        assertThat(e.amount()).isEqualTo(Money.ofMinor(410, "USD"));
        assertThat(e.eventId()).isEqualTo("9007199254740993");
        ((ObjectNode) json.get("data")).put("currency", "JPY").put("amount", 500);
        assertThat(accept(json.toString()).amount()).isEqualTo(Money.ofMinor(500, "JPY"));
    }

    @Test
    void withoutTransactionOrPspIdTheBmcIdIsTheOrder() {
        ObjectNode json = (ObjectNode) Json.parse(Samples.read("bmc/donation.created.json"));
        ((ObjectNode) json.get("data")).remove("transaction_id");
        assertThat(accept(json.toString()).orderRef()).isEqualTo("58");
    }

    @Test
    void aRotatedSecretIsStillAcceptedDuringRotation() {
        String body = Samples.read("bmc/donation.created.json");
        ProviderConfig rotating = new ProviderConfig("bmc",
                Map.of(BmcProvider.SIGNING_SECRET, SECRET, BmcProvider.PREVIOUS_SIGNING_SECRET, OLD_SECRET), Map.of(), Map.of(), null);
        assertThat(deliver(body, Map.of("x-signature-sha256", sign(body, OLD_SECRET)), rotating).events()).hasSize(1);
        assertThat(deliver(body, Map.of("x-signature-sha256", sign(body, SECRET)), rotating).events()).hasSize(1);
        assertThat(deliver(body, Map.of("x-signature-sha256", sign(body, SECRET).toUpperCase()), rotating).events()).hasSize(1);
        assertRejected(body, Map.of("x-signature-sha256", sign(body, OLD_SECRET)), CONFIG, 401);
    }

    @Test
    void badSignaturesAreUnauthorized() {
        String body = Samples.read("bmc/donation.created.json");
        String good = sign(body, SECRET);
        assertRejected(body.replace("\"amount\": 5", "\"amount\": 500"), Map.of("x-signature-sha256", good), CONFIG, 401);
        assertRejected(body, Map.of("x-signature-sha256", sign(body, "some-other-secret")), CONFIG, 401);
        assertRejected(body, Map.of(), CONFIG, 401);
        assertRejected(body, Map.of("x-signature-sha256", "not hex at all"), CONFIG, 401);
        assertRejected(body, Map.of("x-signature-sha256", good.substring(2)), CONFIG, 401);
        assertRejected(body, Map.of("x-signature-sha256", ""), CONFIG, 401);
        ProviderConfig otherSite = new ProviderConfig("bmc", Map.of(BmcProvider.SIGNING_SECRET, "another-site-secret"),
                Map.of(), Map.of(), null);
        assertRejected(body, Map.of("x-signature-sha256", good), otherSite, 401);
        ProviderConfig none = new ProviderConfig("bmc", Map.of(), Map.of(), Map.of(), null);
        assertRejected(body, Map.of("x-signature-sha256", good), none, 401);
    }

    @Test
    void signedButMalformedBodiesAreBadRequests() {
        String sample = Samples.read("bmc/donation.created.json");
        for (String body : new String[] {
                sample.substring(0, sample.length() / 2), // truncated
                "[1,2]",
                "{\"event_id\":1,\"data\":{}}", // no type
                "{\"type\":\"donation.created\",\"event_id\":1}", // no data
                sample.replace("\"event_id\": 1,", ""),
                sample.replace("\"amount\": 5,", "\"amount\": \"five\","),
                sample.replace("\"amount\": 5,", "\"amount\": -5,"),
                sample.replace("\"currency\": \"USD\",", ""),
        }) {
            assertRejected(body, Map.of("x-signature-sha256", sign(body, SECRET)), CONFIG, 400);
        }
    }

    private void assertRejected(String body, Map<String, String> headers, ProviderConfig config, int status) {
        assertThatThrownBy(() -> deliver(body, headers, config))
                .isInstanceOfSatisfying(CallbackRejection.class, r -> assertThat(r.status()).isEqualTo(status));
    }
}

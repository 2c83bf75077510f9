package dev.orderhub.provider.kofi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.provider.CallbackRejection;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Payloads: Ko-fi's "send test" samples, see samples/SOURCES.md. */
class KofiProviderTest {
    private static final String TOKEN = "3401eedb-7a5e-4ceb-aa43-40038281222f"; // the token in the samples
    private static final ProviderConfig CONFIG = new ProviderConfig("kofi",
            Map.of(KofiProvider.VERIFICATION_TOKEN, TOKEN), Map.of(), Map.of(), null);
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final KofiProvider kofi = new KofiProvider();

    private PaymentEvent accept(String sample) {
        var decision = kofi.verifyAndNormalize(Requests.post("site_abcd", "application/x-www-form-urlencoded",
                Requests.form("data", Samples.read(sample)), Map.of()), CONFIG, "site_abcd", NOW);
        assertThat(decision.events()).hasSize(1);
        return decision.events().get(0);
    }

    @Test
    void donationBecomesAPaymentOfItsTransaction() {
        PaymentEvent e = accept("kofi/donation.json");
        assertThat(e.eventId()).isEqualTo("3a1fac0c-f960-4506-a60e-824979a74e74");
        assertThat(e.orderRef()).isEqualTo("0a1fac0c-f960-4506-a60e-824979a74e71");
        assertThat(e.kind()).isEqualTo(EventKind.PAYMENT_SUCCEEDED);
        assertThat(e.amount().minor()).isEqualTo(300);
        assertThat(e.amount().currency()).isEqualTo("USD");
        assertThat(e.buyer().name()).isEqualTo("Ko-fi Team");
        assertThat(e.buyer().email()).isEqualTo("someone@example.com");
        assertThat(e.message()).isEqualTo("Good luck with the integration!");
        assertThat(e.category()).isEqualTo("Donation");
        assertThat(e.occurredAt()).isEqualTo("2022-08-21T13:04:30Z");
        assertThat(e.receivedAt()).isEqualTo(NOW.toString());
        assertThat(e.clientId()).isEqualTo("site_abcd");
    }

    @Test
    void rawPayloadIsKeptWithoutTheVerificationToken() {
        PaymentEvent e = accept("kofi/donation.json");
        assertThat(e.raw()).doesNotContain(TOKEN).doesNotContain("verification_token");
        assertThat(Json.parse(e.raw()).get("kofi_transaction_id").asText()).isEqualTo(e.orderRef());
    }

    @Test
    void shopOrderKeepsItsItemsAndSubscriptionItsTier() {
        assertThat(accept("kofi/shop_order.json").items()).isNotEmpty();
        PaymentEvent sub = accept("kofi/subscription.json");
        assertThat(sub.category()).isEqualTo("Subscription");
        assertThat(sub.attributes()).containsKey("kofi.is_subscription_payment");
    }

    @Test
    void wrongOrMissingTokenIsUnauthorized() {
        ObjectNode json = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        json.put("verification_token", TOKEN.replace('3', '4'));
        assertRejected(Requests.form("data", json.toString()), 401);
        json.remove("verification_token");
        assertRejected(Requests.form("data", json.toString()), 401);
    }

    @Test
    void malformedBodiesAreBadRequests() {
        assertRejected("", 400);
        assertRejected("other=1", 400);
        assertRejected("data=%7B%2", 400); // broken %-escape (found by CallbackFuzzProof)
        assertRejected(Requests.form("data", "{\"message_id\":"), 400);
        assertRejected(Requests.form("data", "[1,2]"), 400);
        ObjectNode json = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        json.put("amount", "three");
        assertRejected(Requests.form("data", json.toString()), 400);
        json.put("amount", "3.00");
        json.remove("kofi_transaction_id");
        assertRejected(Requests.form("data", json.toString()), 400);
    }

    @Test
    void aSiteWithoutTokenAcceptsNothing() {
        ProviderConfig empty = new ProviderConfig("kofi", Map.of(), Map.of(), Map.of(), null);
        assertThatThrownBy(() -> kofi.verifyAndNormalize(Requests.post("site_abcd", "application/x-www-form-urlencoded",
                Requests.form("data", Samples.read("kofi/donation.json")), Map.of()), empty, "site_abcd", NOW))
                .isInstanceOfSatisfying(CallbackRejection.class, r -> assertThat(r.status()).isEqualTo(401));
    }

    private void assertRejected(String body, int status) {
        assertThatThrownBy(() -> kofi.verifyAndNormalize(
                Requests.post("site_abcd", "application/x-www-form-urlencoded", body, Map.of()), CONFIG, "site_abcd", NOW))
                .isInstanceOfSatisfying(CallbackRejection.class, r -> assertThat(r.status()).isEqualTo(status));
    }
}

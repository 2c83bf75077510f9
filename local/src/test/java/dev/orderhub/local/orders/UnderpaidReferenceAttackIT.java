package dev.orderhub.local.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.local.SiteWithIntents;
import dev.orderhub.local.TestHub;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Over the local stack: a signed Ko-fi donation of a token amount carrying an expensive intent's
 * reference, then the buyer's status through the public route. The intent must stay pending and
 * the order wait for review with a reason that says what differs.
 */
class UnderpaidReferenceAttackIT extends SiteWithIntents {
    @Test
    void oneDollarOnKofiWithTheReferenceDoesNotPayA500DollarIntent() {
        Map<String, Object> body = IntentsIT.intentBody(buyer, "500.00");
        JsonNode intent = createIntent(body);
        String ref = intent.get("reference").asText();

        String orderId = donate("for " + ref, "1.00", "USD", "mallory@example.net");

        assertThat(buyerStatus(intent).get("status").asText()).isEqualTo("pending");
        JsonNode match = order(orderId).get("match");
        assertThat(match.get("review").asText()).isEqualTo("needed");
        assertThat(match.get("reason").asText())
                .isEqualTo("reference " + ref + " in message, but paid 1.00 USD via kofi, intent expects 500.00 USD via kofi");
        assertThat(match.get("candidates").get(0).asText()).isEqualTo(intent.get("intentId").asText());
    }

    @Test
    void oneYenOnKofiWithTheReferenceInLowerCaseDoesNotPayA999EuroStripeIntent() {
        Map<String, Object> body = IntentsIT.intentBody(buyer, "999.00");
        body.put("currency", "EUR");
        body.put("provider", "stripe");
        JsonNode intent = createIntent(body);
        String ref = intent.get("reference").asText();

        String orderId = donate("gg " + ref.toLowerCase(), "1", "JPY", "mallory@example.net");

        assertThat(buyerStatus(intent).get("status").asText()).isEqualTo("pending");
        assertThat(order(orderId).get("match").get("reason").asText())
                .isEqualTo("reference " + ref + " in message, but paid 1 JPY via kofi, intent expects 999.00 EUR via stripe");
    }

    @Test
    void theBuyerStatusShowsWhatWasExpectedAndWhatWasPaid() {
        JsonNode intent = createIntent(IntentsIT.intentBody(buyer, "5.00"));
        JsonNode pending = buyerStatus(intent);
        assertThat(pending.get("expected").get("decimal").asText()).isEqualTo("5.00");
        assertThat(pending.get("expected").get("currency").asText()).isEqualTo("USD");
        assertThat(pending.has("paid")).as("nothing paid yet").isFalse();
        assertThat(pending.get("test").asBoolean()).isFalse();

        donate("thanks " + intent.get("reference").asText(), "6.50");

        JsonNode paid = TestHub.await(() -> buyerStatus(intent), s -> s.get("status").asText().equals("paid"), WAIT);
        assertThat(paid.get("status").asText()).isEqualTo("paid");
        assertThat(paid.get("expected").get("minor").asLong()).isEqualTo(500);
        assertThat(paid.get("paid").get("minor").asLong()).as("a tip on top still pays").isEqualTo(650);
        assertThat(paid.get("paid").get("currency").asText()).isEqualTo("USD");
        assertThat(paid.get("test").asBoolean()).isFalse();
    }
}

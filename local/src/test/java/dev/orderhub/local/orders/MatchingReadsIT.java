package dev.orderhub.local.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.local.IntentIndexReads;
import dev.orderhub.local.SiteWithIntents;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What deciding a payment's match reads of the site's open intents, over the local stack: the
 * window, and for an order left without a candidate the closest intents around it that explain
 * why, come from one Query of the open-intents index when few intents are around, not one per part.
 */
class MatchingReadsIT extends SiteWithIntents {
    @AfterEach
    void stopWatching() {
        IntentIndexReads.unwatch(clientId);
    }

    @Test
    void aPaymentWithoutCandidateReadsTheOpenIntentsOnce() {
        List<String> reads = IntentIndexReads.watch(clientId);
        String orderId = donate("thanks", "3.00");

        assertThat(order(orderId).get("match").get("reason").asText()).isEqualTo("no candidate: no open intent with this e-mail");
        assertThat(reads).as("open-intents queries by function").containsExactly("PaymentEventsFunction");
    }

    @Test
    void otherBuyersIntentsInTheWindowAreWeighedInTheSameRead() {
        createIntent("someone-else@example.com", "3.00");
        createIntent(buyer, "5.00");
        List<String> reads = IntentIndexReads.watch(clientId);
        String orderId = donate("thanks", "3.00");

        JsonNode match = order(orderId).get("match");
        assertThat(match.get("review").asText()).isEqualTo("needed");
        assertThat(match.get("reason").asText()).startsWith("no candidate: ").contains("amount");
        assertThat(reads).as("open-intents queries by function").containsExactly("PaymentEventsFunction");
    }

    @Test
    void theBuyersIntentAmongOthersIsStillFound() {
        createIntent("someone-else@example.com", "3.00");
        JsonNode intent = createIntent(buyer, "3.00");
        String orderId = donate("thanks", "3.00");

        // Matching by e-mail is only suggested by default (intents are public): the buyer's intent is the one suggested.
        assertThat(order(orderId).toString()).contains(intent.get("intentId").asText());
    }
}

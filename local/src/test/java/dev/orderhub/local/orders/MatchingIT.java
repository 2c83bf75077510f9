package dev.orderhub.local.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.intent.Intent;
import dev.orderhub.local.SiteWithIntents;
import dev.orderhub.local.TestHub;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Intent → Ko-fi callback → automatic match (or review), over the local stack. */
class MatchingIT extends SiteWithIntents {
    @Test
    void theReferenceInTheKofiMessageMatchesOrderAndIntent() {
        JsonNode intent = createIntent("someone-else@example.com", "5.00");
        String typed = intent.get("reference").asText().toLowerCase().replace("-", " ");
        String orderId = donate("Love the show! " + typed, "5.00");

        JsonNode match = order(orderId).get("match");
        assertThat(match.get("intentId").asText()).isEqualTo(intent.get("intentId").asText());
        assertThat(match.get("reason").asText()).isEqualTo("reference " + intent.get("reference").asText() + " in message");
        assertThat(match.get("review").asText()).isEqualTo("none");
        assertThat(match.get("expected").get("decimal").asText()).as("what the intent asked for, kept on the order").isEqualTo("5.00");

        Intent stored = intent(intent.get("intentId").asText());
        assertThat(stored.state()).isEqualTo(Intent.State.MATCHED);
        assertThat(stored.orderId()).isEqualTo(orderId);
    }

    @Test
    void oneIntentWithTheBuyersEmailAndAmountIsSuggestedForReviewWithoutAReference() {
        JsonNode intent = createIntent(buyer.toUpperCase(), "3.00");
        createIntent(buyer, "4.00"); // another amount: not a candidate
        String orderId = donate("no reference", "3.00");
        JsonNode match = order(orderId).get("match");
        assertThat(match.has("intentId")).isFalse();
        assertThat(match.get("review").asText()).isEqualTo("needed");
        assertThat(match.get("suggested").asText()).isEqualTo(intent.get("intentId").asText());
        assertThat(match.get("reason").asText()).isEqualTo(
                "email+amount+currency suggests 1 candidate; auto-match by e-mail is off (site setting autoMatchByEmail)");
        assertThat(intent(intent.get("intentId").asText()).state()).isEqualTo(Intent.State.OPEN);
    }

    @Test
    void withAutoMatchByEmailOnOneIntentWithTheBuyersEmailAndAmountMatchesWithoutAReference() {
        assertThat(TestHub.send("PUT", "/admin/sites/" + clientId + "/settings", "application/json",
                "{\"autoMatchByEmail\":true}", Map.of("authorization", "Bearer " + adminKey)).status()).isEqualTo(200);
        JsonNode intent = createIntent(buyer.toUpperCase(), "3.00");
        createIntent(buyer, "4.00"); // another amount: not a candidate
        String orderId = donate("no reference", "3.00");
        JsonNode match = order(orderId).get("match");
        assertThat(match.get("intentId").asText()).isEqualTo(intent.get("intentId").asText());
        assertThat(match.get("reason").asText()).isEqualTo("email+amount+currency, 1 candidate");
    }

    @Test
    void twoOrdersCannotTakeOneIntent() {
        JsonNode intent = createIntent(buyer, "3.00");
        String first = donate("first " + intent.get("reference").asText(), "3.00");
        String second = donate("second " + intent.get("reference").asText(), "3.00");
        assertThat(order(first).get("match").get("intentId").asText()).isEqualTo(intent.get("intentId").asText());
        JsonNode other = order(second).get("match");
        assertThat(other.has("intentId")).isFalse();
        assertThat(other.get("review").asText()).isEqualTo("needed");
        assertThat(other.get("reason").asText()).contains("unknown, expired or taken")
                .endsWith("no candidate: no open intent with this e-mail");
    }

    @Test
    void twoCandidatesGoToReview() {
        JsonNode a = createIntent(buyer, "3.00");
        JsonNode b = createIntent(buyer, "3.00");
        String orderId = donate("thanks", "3.00");
        JsonNode match = order(orderId).get("match");
        assertThat(match.get("review").asText()).isEqualTo("needed");
        assertThat(match.get("reason").asText()).isEqualTo("2 candidates by email+amount+currency");
        assertThat(List.of(match.get("candidates").get(0).asText(), match.get("candidates").get(1).asText()))
                .containsExactlyInAnyOrder(a.get("intentId").asText(), b.get("intentId").asText());
        assertThat(intent(a.get("intentId").asText()).state()).isEqualTo(Intent.State.OPEN);
    }

    @Test
    void withAutoMatchOffEveryOrderGoesToReview() {
        assertThat(TestHub.send("PUT", "/admin/sites/" + clientId + "/settings", "application/json", "{\"autoMatch\":false}",
                Map.of("authorization", "Bearer " + adminKey)).status()).isEqualTo(200);
        JsonNode intent = createIntent(buyer, "3.00");
        String orderId = donate(intent.get("reference").asText(), "3.00");
        JsonNode match = order(orderId).get("match");
        assertThat(match.get("review").asText()).isEqualTo("needed");
        assertThat(match.get("reason").asText()).startsWith("auto-match is off");
        assertThat(match.get("candidates").get(0).asText()).isEqualTo(intent.get("intentId").asText());
        assertThat(intent(intent.get("intentId").asText()).state()).isEqualTo(Intent.State.OPEN);
    }
}

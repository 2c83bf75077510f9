package dev.orderhub.local.orders;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.admin.AdminKeys;
import dev.orderhub.admin.AdminRole;
import dev.orderhub.json.Json;
import dev.orderhub.local.SiteWithIntents;
import dev.orderhub.local.TestHub;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Sellers who create no intents (most Ko-fi, Buy Me a Coffee and Shopify sellers) can clear the
 * "payment confirmation" queue: confirm without an intent, dismiss, review closed by a refund, or
 * a site setting that keeps their payments out of review altogether.
 */
class ConfirmWithoutIntentIT extends SiteWithIntents {
    private static final String NO_EMAIL_MATCH = "no candidate: no open intent with this e-mail";

    private TestHub.Response post(String path, String body, String key) {
        return TestHub.send("POST", "/admin/sites/" + clientId + path, "application/json", body,
                Map.of("authorization", "Bearer " + key));
    }

    private List<String> reviewQueue() {
        TestHub.Response r = TestHub.get("/admin/sites/" + clientId + "/review", adminKey);
        assertThat(r.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().get("orders").forEach(o -> ids.add(o.get("orderId").asText()));
        return ids;
    }

    private AdminKeys.IssuedKey key(AdminRole role) {
        return TestHub.stack().adminKeys().issue(Set.of(clientId), role, "test");
    }

    @Test
    void aKofiPaymentWithoutAnIntentWaitsInReviewUntilConfirmedAndTheAuditSaysWho() {
        String orderId = donate("thanks for the stream", "20.00");
        JsonNode waiting = order(orderId);
        assertThat(waiting.get("match").get("review").asText()).isEqualTo("needed");
        assertThat(waiting.get("match").get("reason").asText()).isEqualTo(NO_EMAIL_MATCH);
        assertThat(await(this::reviewQueue, q -> q.contains(orderId), WAIT)).contains(orderId);

        String confirm = "/orders/" + orderId + "/review/confirm";
        TestHub.Response viewer = post(confirm, "{}", key(AdminRole.VIEWER).plaintext());
        assertThat(viewer.status()).as("a viewer only looks").isEqualTo(403);
        JsonNode other = TestHub.newSite("Another seller");
        TestHub.Response foreign = post(confirm, "{}", other.get("adminKey").asText());
        assertThat(foreign.status()).as("another site's owner key").isEqualTo(404);
        TestHub.Response viaOwnSite = TestHub.send("POST", "/admin/sites/" + other.get("clientId").asText() + confirm,
                "application/json", "{}", Map.of("authorization", "Bearer " + other.get("adminKey").asText()));
        assertThat(viaOwnSite.status()).as("this site's order through the other site's path").isEqualTo(404);
        TestHub.Response badNote = post(confirm, "{\"note\":5}", adminKey);
        assertThat(badNote.status()).isEqualTo(400);
        assertThat(badNote.json().get("error").get("field").asText()).isEqualTo("note");
        TestHub.Response unknownField = post(confirm, "{\"intentId\":\"in_aaaaaaaaaaaaaaaaaaaa\"}", adminKey);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("error").get("field").asText()).isEqualTo("intentId");
        assertThat(order(orderId).get("match").get("review").asText()).as("nothing refused changed it").isEqualTo("needed");

        AdminKeys.IssuedKey operator = key(AdminRole.OPERATOR);
        TestHub.Response confirmed = post(confirm, Json.write(Map.of("note", "Ko-fi shop sale")), operator.plaintext());
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("match").get("review").asText()).isEqualTo("confirmed");
        assertThat(confirmed.json().get("match").get("reason").asText())
                .isEqualTo("confirmed without an intent by " + operator.keyId() + ": Ko-fi shop sale");
        assertThat(await(this::reviewQueue, q -> !q.contains(orderId), WAIT)).doesNotContain(orderId);

        JsonNode entry = order(orderId).get("audit").get(0);
        assertThat(entry.get("action").asText()).isEqualTo("review");
        assertThat(entry.get("by").asText()).isEqualTo(operator.keyId());
        assertThat(entry.get("details").get("review").asText()).isEqualTo("confirmed");
        assertThat(entry.get("details").get("note").asText()).isEqualTo("Ko-fi shop sale");
        assertThat(entry.get("details").get("wasReason").asText()).isEqualTo(NO_EMAIL_MATCH);

        TestHub.Response again = post(confirm, "{}", adminKey);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").get("code").asText()).isEqualTo("NOT_IN_REVIEW");
        assertThat(post("/orders/" + orderId + "/review/dismiss", "{\"reason\":\"x\"}", adminKey).status()).isEqualTo(409);
        assertThat(order(orderId).get("audit")).as("refused attempts leave no audit entry").hasSize(1);
    }

    @Test
    void aDismissedOrderLeavesReviewWithTheSellersReason() {
        String orderId = donate("hello", "5.00");
        String dismiss = "/orders/" + orderId + "/review/dismiss";
        TestHub.Response noReason = post(dismiss, "{}", adminKey);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("error").get("field").asText()).isEqualTo("reason");
        assertThat(post(dismiss, "not json", adminKey).status()).isEqualTo(400);
        assertThat(post(dismiss, "{\"reason\":\"x\"}", key(AdminRole.VIEWER).plaintext()).status()).isEqualTo(403);

        TestHub.Response dismissed = post(dismiss, "{\"reason\":\"a tip, nothing to deliver\"}", adminKey);
        assertThat(dismissed.status()).as(dismissed.body()).isEqualTo(200);
        assertThat(dismissed.json().get("match").get("review").asText()).isEqualTo("dismissed");
        assertThat(dismissed.json().get("match").get("reason").asText()).endsWith(": a tip, nothing to deliver");
        assertThat(await(this::reviewQueue, q -> !q.contains(orderId), WAIT)).doesNotContain(orderId);
        JsonNode entry = order(orderId).get("audit").get(0);
        assertThat(entry.get("action").asText()).isEqualTo("review");
        assertThat(entry.get("by").asText()).startsWith("key_");
        assertThat(entry.get("details").get("review").asText()).isEqualTo("dismissed");
    }

    @Test
    void aRefundedOrderLeavesReviewOnItsOwn() {
        String orderId = donate("hello", "7.00");
        assertThat(await(this::reviewQueue, q -> q.contains(orderId), WAIT)).contains(orderId);
        TestHub.Response refunded = post("/orders/" + orderId + "/status", "{\"status\":\"refunded\",\"reason\":\"buyer asked\"}",
                adminKey);
        assertThat(refunded.status()).as(refunded.body()).isEqualTo(200);
        JsonNode match = refunded.json().get("match");
        assertThat(match.get("review").asText()).isEqualTo("closed");
        assertThat(match.get("reason").asText()).isEqualTo("closed without review: the order is refunded; was: " + NO_EMAIL_MATCH);
        assertThat(await(this::reviewQueue, q -> !q.contains(orderId), WAIT)).doesNotContain(orderId);
        assertThat(post("/orders/" + orderId + "/review/confirm", "{}", adminKey).status()).isEqualTo(409);
    }

    @Test
    void aSiteThatUsesNoIntentsNeverSendsItsPaymentsToReview() {
        TestHub.Response bad = TestHub.send("PUT", "/admin/sites/" + clientId + "/settings", "application/json",
                "{\"intents\":\"none\"}", Map.of("authorization", "Bearer " + adminKey));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").get("field").asText()).isEqualTo("intents");
        TestHub.Response viewer = TestHub.send("PUT", "/admin/sites/" + clientId + "/settings", "application/json",
                "{\"intents\":\"unused\"}", Map.of("authorization", "Bearer " + key(AdminRole.VIEWER).plaintext()));
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(TestHub.get("/admin/sites/" + clientId + "/settings", adminKey).json().get("intents").asText())
                .as("the default keeps today's behaviour").isEqualTo("used");
        TestHub.Response set = TestHub.send("PUT", "/admin/sites/" + clientId + "/settings", "application/json",
                "{\"intents\":\"unused\"}", Map.of("authorization", "Bearer " + adminKey));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("intents").asText()).isEqualTo("unused");

        createIntent(buyer, "9.00"); // someone else's public intent with this buyer's e-mail is not looked at either
        String txn = pay("thanks", "9.00", Instant.now());
        JsonNode paid = await(() -> byRef(txn), o -> o != null && o.get("status").asText().equals("paid"), WAIT);
        assertThat(paid).isNotNull();
        TestHub.awaitQuiet(WAIT);
        JsonNode detail = order(paid.get("orderId").asText());
        assertThat(detail.get("status").asText()).isEqualTo("paid");
        assertThat(detail.get("match").get("review").asText()).isEqualTo("none");
        assertThat(detail.get("match").has("intentId")).isFalse();
        assertThat(reviewQueue()).isEmpty();
    }

    @Test
    void theReasonSaysWhenIntentsMatchEverythingButTheTime() {
        createIntent(buyer, "20.00");
        createIntent(buyer, "20.00");
        // The payment happened three hours before the intents were created (the buyer made them afterwards).
        String txn = pay("thanks", "20.00", Instant.now().minus(Duration.ofHours(3)));
        JsonNode o = await(() -> byRef(txn), x -> x != null && x.path("match").has("reason"), WAIT);
        assertThat(o.get("match").get("reason").asText()).isEqualTo(
                "no candidate: 2 intents match e-mail, amount and currency but were created more than 10 min after the order");
    }

    @Test
    void theReviewListShowsWhatEachCandidateWasFor() {
        Map<String, Object> mug = new HashMap<>(IntentsIT.intentBody(buyer, "20.00"));
        mug.put("item", "Mug");
        mug.put("note", "blue one");
        Map<String, Object> shirt = new HashMap<>(IntentsIT.intentBody(buyer, "20.00"));
        shirt.put("item", "T-shirt");
        shirt.put("note", "size M");
        createIntent(mug);
        createIntent(shirt);
        String orderId = donate("thanks", "20.00");
        List<JsonNode> listed = new ArrayList<>();
        for (JsonNode o : TestHub.get("/admin/sites/" + clientId + "/review", adminKey).json().get("orders")) {
            if (o.get("orderId").asText().equals(orderId)) {
                o.get("candidates").forEach(listed::add);
            }
        }
        assertThat(listed).extracting(c -> c.get("item").asText() + " / " + c.get("note").asText())
                .containsExactlyInAnyOrder("Mug / blue one", "T-shirt / size M");
    }

    /** A Ko-fi payment at {@code at}; returns its transaction id (the order's reference). */
    private String pay(String message, String amount, Instant at) {
        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        String txn = "txn-" + UUID.randomUUID();
        data.put("verification_token", token);
        data.put("message_id", "msg-" + UUID.randomUUID());
        data.put("kofi_transaction_id", txn);
        data.put("email", buyer);
        data.put("message", message);
        data.put("amount", amount);
        data.put("currency", "USD");
        data.put("timestamp", at.toString());
        TestHub.Response r = TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded",
                Requests.form("data", data.toString()), Map.of());
        assertThat(r.status()).isEqualTo(200);
        return txn;
    }

    private JsonNode byRef(String txn) {
        return TestHub.orders(clientId, adminKey).stream().filter(o -> o.get("orderRef").asText().equals(txn)).findFirst()
                .orElse(null);
    }
}

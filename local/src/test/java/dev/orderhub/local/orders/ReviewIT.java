package dev.orderhub.local.orders;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.admin.AdminRole;
import dev.orderhub.json.Json;
import dev.orderhub.local.SiteWithIntents;
import dev.orderhub.local.TestHub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The review page's API over the local stack: review queue, manual match, manual status, manual reply. */
class ReviewIT extends SiteWithIntents {
    private TestHub.Response post(String path, Object body, String key) {
        return TestHub.send("POST", "/admin/sites/" + clientId + path, "application/json", Json.write(body),
                Map.of("authorization", "Bearer " + key));
    }

    private List<JsonNode> review() {
        TestHub.Response r = TestHub.get("/admin/sites/" + clientId + "/review", adminKey);
        assertThat(r.status()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("orders").forEach(out::add);
        return out;
    }

    private String viewerKey() {
        return TestHub.stack().adminKeys().issue(Set.of(clientId), AdminRole.VIEWER, "test").plaintext();
    }

    @Test
    void anAmbiguousOrderIsListedWithItsCandidatesAndAManualMatchResolvesIt() {
        JsonNode a = createIntent(buyer, "3.00");
        JsonNode b = createIntent(buyer, "3.00");
        String orderId = donate("thanks", "3.00");

        List<JsonNode> queue = await(this::review, q -> !q.isEmpty(), WAIT);
        assertThat(queue).hasSize(1);
        JsonNode listed = queue.get(0);
        assertThat(listed.get("orderId").asText()).isEqualTo(orderId);
        assertThat(listed.get("match").get("reason").asText()).isEqualTo("2 candidates by email+amount+currency");
        assertThat(listed.has("suggestedIntentId")).as("two candidates: none pre-selected").isFalse();
        List<String> candidateIds = new ArrayList<>();
        listed.get("candidates").forEach(c -> candidateIds.add(c.get("intentId").asText()));
        assertThat(candidateIds).containsExactlyInAnyOrder(a.get("intentId").asText(), b.get("intentId").asText());
        JsonNode candidate = listed.get("candidates").get(0);
        assertThat(candidate.get("reference").asText()).startsWith("OH-");
        assertThat(candidate.get("amount").get("decimal").asText()).isEqualTo("3.00");
        assertThat(candidate.get("state").asText()).isEqualTo("open");

        assertThat(post("/orders/" + orderId + "/match", Map.of("intentId", a.get("intentId").asText()), viewerKey()).status())
                .as("a viewer only looks").isEqualTo(403);
        TestHub.Response matched = post("/orders/" + orderId + "/match", Map.of("intentId", a.get("intentId").asText()), adminKey);
        assertThat(matched.status()).as(matched.body()).isEqualTo(200);
        assertThat(matched.json().get("match").get("intentId").asText()).isEqualTo(a.get("intentId").asText());
        assertThat(matched.json().get("match").get("review").asText()).isEqualTo("resolved");
        assertThat(matched.json().get("match").get("reason").asText()).startsWith("manual by key_");
        assertThat(matched.json().get("match").get("expected").get("decimal").asText()).isEqualTo("3.00");
        assertThat(await(this::review, List::isEmpty, WAIT)).as("resolved orders leave the queue").isEmpty();

        TestHub.Response again = post("/orders/" + orderId + "/match", Map.of("intentId", b.get("intentId").asText()), adminKey);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").get("code").asText()).isEqualTo("ALREADY_MATCHED");

        JsonNode detail = order(orderId);
        assertThat(detail.get("audit")).hasSize(1);
        assertThat(detail.get("audit").get(0).get("action").asText()).isEqualTo("match");
        assertThat(detail.get("audit").get(0).get("details").get("intentId").asText()).isEqualTo(a.get("intentId").asText());
    }

    @Test
    void aTakenOrUnknownIntentCannotBeMatchedByHand() {
        JsonNode intent = createIntent(buyer, "3.00");
        String first = donate(intent.get("reference").asText(), "3.00");
        assertThat(order(first).get("match").get("intentId").asText()).isEqualTo(intent.get("intentId").asText());
        String second = donate("no reference", "9.00");

        TestHub.Response taken = post("/orders/" + second + "/match", Map.of("intentId", intent.get("intentId").asText()), adminKey);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("error").get("code").asText()).isEqualTo("INTENT_UNAVAILABLE");
        assertThat(post("/orders/" + second + "/match", Map.of("intentId", "in_aaaaaaaaaaaaaaaaaaaa"), adminKey).status())
                .isEqualTo(409);
        assertThat(post("/orders/" + second + "/match", Map.of("intentId", "nope"), adminKey).status()).isEqualTo(400);
    }

    @Test
    void aManualStatusIsAuditedAndAnIllegalOneIsRefused() {
        String orderId = donate("hello", "3.00");
        assertThat(order(orderId).get("status").asText()).isEqualTo("paid");

        TestHub.Response viewer = post("/orders/" + orderId + "/status", Map.of("status", "done", "reason", "x"), viewerKey());
        assertThat(viewer.status()).isEqualTo(403);

        TestHub.Response illegal = post("/orders/" + orderId + "/status", Map.of("status", "pending", "reason", "oops"), adminKey);
        assertThat(illegal.status()).isEqualTo(409);
        assertThat(illegal.json().get("error").get("code").asText()).isEqualTo("ILLEGAL_TRANSITION");
        assertThat(illegal.json().get("error").get("message").asText())
                .isEqualTo("an order that is paid cannot be set to pending by hand; allowed from paid: [done, refunded, canceled]");
        assertThat(post("/orders/" + orderId + "/status", Map.of("status", "done"), adminKey).json().get("error").get("field").asText())
                .isEqualTo("reason");
        assertThat(post("/orders/" + orderId + "/status", Map.of("status", "shipped", "reason", "x"), adminKey)
                .json().get("error").get("field").asText()).isEqualTo("status");

        TestHub.Response done = post("/orders/" + orderId + "/status", Map.of("status", "done", "reason", "sticker mailed"), adminKey);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().get("status").asText()).isEqualTo("done");

        JsonNode detail = order(orderId);
        assertThat(detail.get("status").asText()).isEqualTo("done");
        JsonNode entry = detail.get("audit").get(0);
        assertThat(entry.get("action").asText()).isEqualTo("status");
        assertThat(entry.get("by").asText()).startsWith("key_");
        assertThat(entry.get("at").asText()).isNotBlank();
        assertThat(entry.get("details").get("from").asText()).isEqualTo("paid");
        assertThat(entry.get("details").get("to").asText()).isEqualTo("done");
        assertThat(entry.get("details").get("reason").asText()).isEqualTo("sticker mailed");
        assertThat(detail.get("history").get(1).get("kind").asText()).isEqualTo("manual_status");
    }

    @Test
    void aManualReplyReachesTheBuyerAndIsAudited() {
        String orderId = donate("hello", "3.00");
        TestHub.Response noSender = post("/orders/" + orderId + "/reply", Map.of("subject", "Hi", "body", "Thanks"), adminKey);
        assertThat(noSender.status()).isEqualTo(409);
        // The site's own sender address, verified for it by the deployment operator.
        String sender = "shop-" + UUID.randomUUID() + "@example.com";
        assertThat(TestHub.send("PUT", "/admin/sites/" + clientId + "/mail", "application/json",
                Json.write(Map.of("verifiedSenders", List.of(sender))), Map.of("authorization", "Bearer " + TestHub.get().operatorKey()))
                .status()).isEqualTo(200);
        assertThat(TestHub.send("PUT", "/admin/sites/" + clientId + "/settings", "application/json",
                Json.write(Map.of("replyFrom", sender)), Map.of("authorization", "Bearer " + adminKey)).status()).isEqualTo(200);
        assertThat(post("/orders/" + orderId + "/reply", Map.of("subject", "Hi", "body", "Thanks"), viewerKey()).status())
                .isEqualTo(403);

        TestHub.Response sent = post("/orders/" + orderId + "/reply", Map.of("subject", "Your sticker", "body", "It is on its way."), adminKey);
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        List<JsonNode> mail = await(() -> TestHub.mailTo(buyer), m -> !m.isEmpty(), WAIT);
        assertThat(mail).hasSize(1);
        assertThat(mail.get(0).get("subject").asText()).isEqualTo("Your sticker");
        assertThat(mail.get(0).get("from").asText()).isEqualTo(sender);
        JsonNode entry = order(orderId).get("audit").get(0);
        assertThat(entry.get("action").asText()).isEqualTo("reply");
        assertThat(entry.get("details").get("subject").asText()).isEqualTo("Your sticker");
        assertThat(entry.get("details").get("messageId").asText()).isEqualTo(sent.json().get("messageId").asText());
    }
}

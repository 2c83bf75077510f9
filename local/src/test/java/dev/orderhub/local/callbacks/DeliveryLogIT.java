package dev.orderhub.local.callbacks;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.RawItems;
import dev.orderhub.local.TestHub;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A seller sees every callback their site received, accepted or refused, through the admin API:
 * what it was answered and why, never what an anonymous sender put in its body or headers.
 */
class DeliveryLogIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private String clientId;
    private String adminKey;
    private String token;

    @BeforeEach
    void newSite() {
        JsonNode site = TestHub.newSite("Delivery log site");
        clientId = site.get("clientId").asText();
        adminKey = site.get("adminKey").asText();
        token = UUID.randomUUID().toString();
        assertThat(TestHub.putProvider(clientId, "kofi", adminKey, Map.of("verificationToken", token)).status()).isEqualTo(200);
    }

    private String donation(String verificationToken, String transactionId) {
        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        data.put("verification_token", verificationToken);
        data.put("message_id", UUID.randomUUID().toString());
        data.put("kofi_transaction_id", transactionId);
        data.put("message", "secret-in-body-" + transactionId);
        return Requests.form("data", data.toString());
    }

    private TestHub.Response deliver(String site, String body) {
        return TestHub.send("POST", "/callbacks/kofi/" + site, "application/x-www-form-urlencoded", body,
                Map.of("x-sender-note", "secret-in-header"));
    }

    private TestHub.Response deliveries(String site, String key, String query) {
        return TestHub.get("/admin/sites/" + site + "/deliveries" + (query.isEmpty() ? "" : "?" + query), key);
    }

    private List<JsonNode> list(String query) {
        TestHub.Response r = deliveries(clientId, adminKey, query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("deliveries").forEach(out::add);
        return out;
    }

    private List<Map<String, AttributeValue>> rawItems(String site) {
        LocalHub hub = TestHub.get();
        return hub.dynamoDb().query(QueryRequest.builder().tableName(hub.tableName("HubTable"))
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("DELIVERY#" + site)))
                .build()).items();
    }

    @Test
    void aWrongTokenCallbackIsListedAsRefusedWithInvalidTokenAndWithoutItsBody() {
        String body = donation("not-" + token, "txn-wrong");
        assertThat(deliver(clientId, body).status()).isEqualTo(401);

        List<JsonNode> listed = list("");
        assertThat(listed).hasSize(1);
        JsonNode d = listed.get(0);
        assertThat(d.get("outcome").asText()).isEqualTo("refused");
        assertThat(d.get("reason").asText()).isEqualTo("INVALID_TOKEN");
        assertThat(d.get("status").asInt()).isEqualTo(401);
        assertThat(d.get("provider").asText()).isEqualTo("kofi");
        assertThat(d.get("explanation").asText()).isEqualTo("The verification token does not match the one saved for Ko-fi.");
        assertThat(d.get("size").asInt()).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
        assertThat(Instant.parse(d.get("receivedAt").asText())).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(d.hasNonNull("eventId")).isFalse();
        String everything = Json.write(listed) + rawItems(clientId).stream().map(RawItems::render).toList();
        assertThat(everything).doesNotContain("secret-in-body", "secret-in-header", "not-" + token, token, "txn-wrong");
    }

    @Test
    void anAcceptedCallbackIsListedAsQueuedWithItsEventAndOrder() {
        assertThat(deliver(clientId, donation(token, "txn-good")).status()).isEqualTo(200);
        List<JsonNode> orders = await(() -> TestHub.orders(clientId, adminKey), o -> !o.isEmpty(), WAIT);

        List<JsonNode> listed = list("");
        assertThat(listed).hasSize(1);
        JsonNode d = listed.get(0);
        assertThat(d.get("outcome").asText()).isEqualTo("queued");
        assertThat(d.get("status").asInt()).isEqualTo(200);
        assertThat(d.get("eventId").asText()).isNotBlank();
        assertThat(d.get("orderId").asText()).isEqualTo(orders.get(0).get("orderId").asText());
        assertThat(TestHub.get("/admin/sites/" + clientId + "/orders/" + d.get("orderId").asText(), adminKey).status())
                .as("the page links to the order").isEqualTo(200);
        JsonNode detail = TestHub.orderDetail(clientId, adminKey, orders.get(0));
        assertThat(Json.write(detail.get("history"))).contains(d.get("eventId").asText());
    }

    @Test
    void aCallbackForAnUnknownSiteWritesNothing() {
        String unknown = "site_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        assertThat(deliver(unknown, donation(token, "txn-unknown")).status()).isEqualTo(404);
        assertThat(TestHub.send("POST", "/callbacks/kofi/" + unknown, "text/plain", "x", Map.of()).status()).isEqualTo(415);
        assertThat(rawItems(unknown)).isEmpty();
    }

    @Test
    void anotherSitesKeyCannotListTheDeliveriesAndAViewerCan() {
        assertThat(deliver(clientId, donation("wrong", "txn-a")).status()).isEqualTo(401);
        JsonNode other = TestHub.newSite("Other site");
        TestHub.Response r = deliveries(clientId, other.get("adminKey").asText(), "");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("INVALID_TOKEN");
        assertThat(deliveries(clientId, null, "").status()).isEqualTo(401);

        JsonNode viewer = TestHub.send("POST", "/admin/sites/" + clientId + "/keys", "application/json",
                Json.write(Map.of("role", "viewer")), Map.of("authorization", "Bearer " + adminKey)).json();
        TestHub.Response seen = deliveries(clientId, viewer.get("key").asText(), "");
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().get("deliveries")).hasSize(1);
    }

    @Test
    void filtersAndCursorPageThroughEveryDeliveryOnce() {
        for (int i = 0; i < 2; i++) {
            assertThat(deliver(clientId, donation(token, "txn-ok-" + i)).status()).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(deliver(clientId, donation("wrong-" + i, "txn-bad-" + i)).status()).isEqualTo(401);
        }
        assertThat(TestHub.send("POST", "/callbacks/kofi/" + clientId, "text/plain", "hello", Map.of()).status()).isEqualTo(415);

        List<JsonNode> all = list("");
        assertThat(all).hasSize(6);
        assertThat(all).extracting(d -> Instant.parse(d.get("receivedAt").asText()))
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(list("outcome=queued")).hasSize(2).allMatch(d -> d.get("orderId").isTextual());
        List<JsonNode> refused = list("outcome=refused&provider=kofi");
        assertThat(refused).extracting(d -> d.get("reason").asText())
                .containsExactlyInAnyOrder("INVALID_TOKEN", "INVALID_TOKEN", "INVALID_TOKEN", "UNSUPPORTED_MEDIA_TYPE");
        assertThat(list("provider=stripe")).isEmpty();
        assertThat(list("from=" + Instant.now().plusSeconds(120))).isEmpty();
        assertThat(list("to=" + Instant.now().minusSeconds(3600))).isEmpty();
        assertThat(list("from=" + Instant.now().minusSeconds(3600) + "&to=" + Instant.now().plusSeconds(60))).hasSize(6);

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TestHub.Response r = deliveries(clientId, adminKey, "limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            r.json().get("deliveries").forEach(d -> paged.add(Json.write(d)));
            cursor = !r.json().hasNonNull("next") ? null : URLEncoder.encode(r.json().get("next").asText(), StandardCharsets.UTF_8);
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(paged).as("every delivery once over the pages").containsExactlyInAnyOrderElementsOf(
                all.stream().map(Json::write).toList());

        JsonNode other = TestHub.newSite("Cursor thief");
        String theirs = other.get("clientId").asText();
        assertThat(TestHub.putProvider(theirs, "kofi", other.get("adminKey").asText(), Map.of("verificationToken", "x")).status())
                .isEqualTo(200);
        for (int i = 0; i < 3; i++) { // accepted: one item each, so a page of one has a next
            assertThat(deliver(theirs, donation("x", "t" + i)).status()).isEqualTo(200);
        }
        String foreign = deliveries(theirs, other.get("adminKey").asText(), "limit=1").json().get("next").asText();
        TestHub.Response forged = deliveries(clientId, adminKey, "cursor=" + URLEncoder.encode(foreign, StandardCharsets.UTF_8));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.json().get("error").get("code").asText()).isEqualTo("INVALID_CURSOR");
        assertThat(deliveries(clientId, adminKey, "outcome=lost").status()).isEqualTo(400);
        assertThat(deliveries(clientId, adminKey, "status=200").status()).isEqualTo(400);
    }

    @Test
    void everyEntryExpiresAfterThirtyDays() {
        assertThat(deliver(clientId, donation(token, "txn-ttl")).status()).isEqualTo(200);
        assertThat(deliver(clientId, donation("wrong", "txn-ttl-bad")).status()).isEqualTo(401);
        List<Map<String, AttributeValue>> items = rawItems(clientId);
        assertThat(items).hasSize(2);
        long in30Days = Instant.now().plus(Duration.ofDays(30)).getEpochSecond();
        for (Map<String, AttributeValue> item : items) {
            assertThat(item).containsKey("expiresAt");
            assertThat(Long.parseLong(item.get("expiresAt").n())).isBetween(in30Days - 300, in30Days + 300);
        }
    }
}

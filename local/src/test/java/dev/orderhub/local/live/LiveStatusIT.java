package dev.orderhub.local.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.SiteWithIntents;
import dev.orderhub.local.TestHub;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The live-status WebSocket over the local stack (local mode's WebSocket server, the live-status
 * function, the status-changes queue, the push step posting through the real management-API
 * client): a buyer's page subscribed with its status token sees pending, then paid when the
 * Ko-fi callback (samples/kofi/donation.json, via {@link SiteWithIntents}) matches its intent,
 * then done when the seller sets it by hand, and the server closes the socket at done.
 */
class LiveStatusIT extends SiteWithIntents {
    private static final long WAIT_SECONDS = 20;

    @Test
    void subscriberReceivesPaidThenDoneAndTheServerClosesAtDone() throws Exception {
        JsonNode intent = createIntent("live-" + buyer, "5.00");
        String id = intent.get("intentId").asText();
        Client client = Client.connect();
        client.send(subscribe(id, intent.get("statusToken").asText(), 0));

        JsonNode subscribed = client.next();
        assertThat(subscribed.get("type").asText()).isEqualTo("subscribed");
        assertThat(subscribed.get("orderId").asText()).isEqualTo(id);
        assertThat(subscribed.get("status").asText()).isEqualTo("pending");
        assertThat(subscribed.get("history")).isEmpty();
        assertThat(subscribed.get("expected").get("decimal").asText()).isEqualTo("5.00");
        assertThat(subscribed.has("paid")).as("nothing paid yet").isFalse();
        assertThat(subscribed.get("test").asBoolean()).isFalse();
        // A subscriber whose socket is gone without a $disconnect (as after a network drop): the
        // management API answers 410 GoneException and the push prunes it.
        Map<String, AttributeValue> gone = Map.of("pk", AttributeValue.fromS("LIVE#" + clientId + "#" + id),
                "sk", AttributeValue.fromS("CONN#goneConnection0"), "connectionId", AttributeValue.fromS("goneConnection0"),
                "expiresAt", AttributeValue.fromN(String.valueOf(Instant.now().plusSeconds(600).getEpochSecond())));
        TestHub.stack().dynamoDb().putItem(r -> r.tableName(TestHub.stack().config().tableName()).item(gone));
        assertThat(stored(gone)).isTrue();

        String orderId = donate("for the stream " + intent.get("reference").asText(), "5.00");
        JsonNode paid = client.next();
        assertThat(paid.get("type").asText()).isEqualTo("status");
        assertThat(paid.get("orderId").asText()).isEqualTo(id);
        assertThat(paid.get("status").asText()).isEqualTo("paid");
        assertThat(paid.get("expected").get("minor").asLong()).isEqualTo(500);
        assertThat(paid.get("paid").get("minor").asLong()).isEqualTo(500);
        assertThat(paid.get("paid").get("currency").asText()).isEqualTo("USD");
        assertThat(paid.get("test").asBoolean()).isFalse();
        // The push may reach the gone subscriber after the live one.
        assertThat(TestHub.await(() -> stored(gone), stored -> !stored, WAIT)).as("gone subscriber pruned").isFalse();

        TestHub.Response done = TestHub.send("POST", "/admin/sites/" + clientId + "/orders/" + orderId + "/status",
                "application/json", "{\"status\":\"done\",\"reason\":\"key delivered\"}",
                Map.of("authorization", "Bearer " + adminKey));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        JsonNode doneFrame = client.next();
        assertThat(doneFrame.get("status").asText()).isEqualTo("done");
        assertThat(doneFrame.get("offset").asLong()).isGreaterThan(paid.get("offset").asLong());
        assertThat(client.closedBy.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("close code").isEqualTo(1000);
        assertThat(client.frames).isEmpty();

        // A page that reconnects with the last offset it saw gets what it missed, and the final status closes it.
        Client again = Client.connect();
        again.send(subscribe(id, intent.get("statusToken").asText(), paid.get("offset").asLong()));
        JsonNode resumed = again.next();
        assertThat(resumed.get("status").asText()).isEqualTo("done");
        assertThat(resumed.get("history").findValuesAsText("status")).isEqualTo(List.of("done"));
        assertThat(resumed.get("history").get(0).get("paid").get("decimal").asText()).isEqualTo("5.00");
        assertThat(again.closedBy.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    @Test
    void anOrderMatchedByHandFromReviewReachesTheSubscriber() throws Exception {
        JsonNode a = createIntent(buyer, "3.00");
        createIntent(buyer, "3.00"); // two candidates: the order goes to review
        Client client = Client.connect();
        client.send(subscribe(a.get("intentId").asText(), a.get("statusToken").asText(), 0));
        assertThat(client.next().get("status").asText()).isEqualTo("pending");
        String orderId = donate("thanks", "3.00");
        TestHub.Response matched = TestHub.send("POST", "/admin/sites/" + clientId + "/orders/" + orderId + "/match",
                "application/json", Json.write(Map.of("intentId", a.get("intentId").asText())),
                Map.of("authorization", "Bearer " + adminKey));
        assertThat(matched.status()).as(matched.body()).isEqualTo(200);
        assertThat(client.next().get("status").asText()).isEqualTo("paid");
    }

    @Test
    void aWrongTokenGetsAnErrorFrameAndTheSocketIsClosed() throws Exception {
        JsonNode intent = createIntent("live-" + buyer, "5.00");
        JsonNode other = createIntent("other-" + buyer, "5.00");
        for (String token : List.of("st_" + "a".repeat(32), other.get("statusToken").asText())) {
            Client client = Client.connect();
            client.send(subscribe(intent.get("intentId").asText(), token, 0));
            JsonNode error = client.next();
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.get("error").asText()).isEqualTo("NOT_FOUND");
            assertThat(error.has("status")).isFalse();
            assertThat(client.closedBy.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1000);
            assertThat(client.frames).isEmpty();
        }
        Client malformed = Client.connect();
        malformed.send("{\"action\":\"subscribe\",\"orderId\":42}");
        assertThat(malformed.next().get("error").asText()).isEqualTo("BAD_REQUEST");
        assertThat(malformed.closedBy.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    private static boolean stored(Map<String, AttributeValue> item) {
        return TestHub.stack().dynamoDb().getItem(r -> r.tableName(TestHub.stack().config().tableName())
                .key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))).hasItem();
    }

    private static String subscribe(String orderId, String token, long since) {
        return Json.write(Map.of("action", "subscribe", "orderId", orderId, "token", token, "since", since));
    }

    /** A java.net.http WebSocket that queues text frames and records who closed. */
    private static final class Client implements WebSocket.Listener {
        final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closedBy = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Client connect() throws Exception {
            Client c = new Client();
            c.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(TestHub.get().liveStatusUrl(), c).get(WAIT_SECONDS, TimeUnit.SECONDS);
            return c;
        }

        void send(String text) throws Exception {
            socket.sendText(text, true).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        JsonNode next() throws InterruptedException {
            JsonNode f = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(f).as("a frame within " + WAIT_SECONDS + " s").isNotNull();
            return f;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(Json.parse(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closedBy.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closedBy.completeExceptionally(error);
        }
    }
}

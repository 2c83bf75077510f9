package dev.orderhub.local.orders;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.local.SiteWithIntents;
import dev.orderhub.local.TestHub;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The buyer's status endpoint over the local stack: token check, pending → paid, caching headers. */
class BuyerStatusIT extends SiteWithIntents {
    private static TestHub.Response status(String id, String token, Map<String, String> headers) {
        return TestHub.send("GET", "/orders/" + id + "/status" + (token == null ? "" : "?token=" + token), null, null, headers);
    }

    @Test
    void theTokenHolderSeesPendingThenTheMatchedOrdersStatus() {
        JsonNode intent = createIntent(buyer, "3.00");
        String id = intent.get("intentId").asText();
        String token = intent.get("statusToken").asText();

        TestHub.Response pending = status(id, token, Map.of());
        assertThat(pending.status()).isEqualTo(200);
        assertThat(pending.json().get("status").asText()).isEqualTo("pending");
        assertThat(pending.json().get("reference").asText()).isEqualTo(intent.get("reference").asText());
        assertThat(pending.body()).doesNotContain(buyer).doesNotContain("Jo");
        assertThat(pending.headers().get("cache-control")).containsExactly("public, max-age=2");
        assertThat(pending.headers().get("access-control-allow-origin")).containsExactly("*");
        String etag = pending.headers().get("etag").get(0);

        TestHub.Response notModified = status(id, token, Map.of("if-none-match", etag));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.headers().get("etag")).containsExactly(etag);
        assertThat(status(id, null, Map.of("x-status-token", token, "if-none-match", "W/" + etag)).status())
                .as("token in a header, weak validator").isEqualTo(304);

        donate("for the show " + intent.get("reference").asText(), "3.00");
        TestHub.Response paid = await(() -> status(id, token, Map.of("if-none-match", etag)), r -> r.status() == 200, WAIT);
        assertThat(paid.json().get("status").asText()).isEqualTo("paid");
        assertThat(paid.json().get("updatedAt").asText()).isNotBlank();
        assertThat(paid.headers().get("etag").get(0)).isNotEqualTo(etag);
    }

    @Test
    void aWrongTokenLooksExactlyLikeAnUnknownId() {
        JsonNode intent = createIntent(buyer, "3.00");
        String id = intent.get("intentId").asText();
        String token = intent.get("statusToken").asText();
        JsonNode other = createIntent(buyer, "3.00");

        TestHub.Response wrong = status(id, "st_" + "a".repeat(32), Map.of());
        TestHub.Response foreignToken = status(id, other.get("statusToken").asText(), Map.of());
        TestHub.Response missing = status(id, null, Map.of());
        TestHub.Response unknown = status("in_" + "b".repeat(20), token, Map.of());
        TestHub.Response malformed = status("nonsense", token, Map.of());
        for (TestHub.Response r : new TestHub.Response[] {wrong, foreignToken, missing, unknown, malformed}) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.body()).isEqualTo(unknown.body());
            assertThat(r.headers().get("cache-control")).isEqualTo(unknown.headers().get("cache-control"));
            assertThat(r.headers()).doesNotContainKey("etag");
        }
    }

    @Test
    void thePreflightAllowsTheTokenHeader() {
        TestHub.Response pre = TestHub.send("OPTIONS", "/orders/in_" + "c".repeat(20) + "/status", null, null,
                Map.of("origin", "https://game.example", "access-control-request-method", "GET",
                        "access-control-request-headers", "x-status-token"));
        assertThat(pre.status()).isEqualTo(204);
        assertThat(pre.headers().get("access-control-allow-headers").get(0)).contains("x-status-token");
    }
}

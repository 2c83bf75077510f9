package dev.orderhub.local.localmode;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.TestHub;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two local stacks side by side in one JVM, each on stand-ins of its own, started before either
 * serves a request: every function is built from its own stack's configuration, so a site, an
 * operator key and a payment of one stack are unknown to the other. Were configuration JVM-wide
 * again (the functions reading the settings of whichever stack started last), the first stack's
 * requests would land in the second one's table and its operator key would be refused.
 */
class TwoStacksInOneJvmIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static LocalHub first;
    private static LocalHub second;

    @BeforeAll
    static void start() throws IOException {
        first = LocalHub.start(LocalHub.Options.forTests());
        second = LocalHub.start(LocalHub.Options.forTests());
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    private static TestHub.Response send(LocalHub hub, String method, String path, String contentType, String body, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(hub.baseUrl().resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("content-type", contentType);
        }
        if (key != null) {
            b.header("authorization", "Bearer " + key);
        }
        return TestHub.execute(b.build());
    }

    /** A site made through the stack's admin API with its operator key: {clientId, adminKey}. */
    private static JsonNode newSite(LocalHub hub, String name) {
        TestHub.Response r = send(hub, "POST", "/admin/sites", "application/json", Json.write(Map.of("name", name)), hub.operatorKey());
        assertThat(r.status()).as("site created: %s", r.body()).isEqualTo(201);
        return r.json();
    }

    private static String kofiDonation(String token) {
        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        data.put("verification_token", token);
        data.put("message_id", UUID.randomUUID().toString());
        data.put("kofi_transaction_id", "txn-" + UUID.randomUUID());
        return Requests.form("data", data.toString());
    }

    @Test
    void aStacksOperatorKeyIsRefusedByTheOther() {
        assertThat(send(first, "GET", "/admin/sites", null, null, first.operatorKey()).status()).isEqualTo(200);
        assertThat(send(second, "GET", "/admin/sites", null, null, second.operatorKey()).status()).isEqualTo(200);
        assertThat(send(second, "GET", "/admin/sites", null, null, first.operatorKey()).status()).isEqualTo(401);
        assertThat(send(first, "GET", "/admin/sites", null, null, second.operatorKey()).status()).isEqualTo(401);
    }

    @Test
    void aSiteAndItsPaymentsInOneStackAreNotVisibleInTheOther() {
        JsonNode site = newSite(first, "Only in the first stack");
        String clientId = site.get("clientId").asText();
        String ownerKey = site.get("adminKey").asText();
        String token = UUID.randomUUID().toString();
        assertThat(send(first, "PUT", "/admin/sites/" + clientId + "/providers/kofi", "application/json",
                Json.write(Map.of("verificationToken", token)), ownerKey).status()).isEqualTo(200);

        assertThat(send(first, "GET", "/admin/sites/" + clientId, null, null, first.operatorKey()).status()).isEqualTo(200);
        assertThat(send(second, "GET", "/admin/sites/" + clientId, null, null, second.operatorKey()).status())
                .as("the second stack does not know the first one's site").isEqualTo(404);
        assertThat(second.stack().sites().find(clientId)).isEmpty();
        assertThat(first.stack().sites().find(clientId)).isPresent();

        // The same signed payment at both: the second stack has no such site and refuses it.
        assertThat(send(second, "POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded", kofiDonation(token), null)
                .status()).isNotEqualTo(200);
        assertThat(send(first, "POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded", kofiDonation(token), null)
                .status()).isEqualTo(200);
        JsonNode orders = await("the first stack's order", () -> send(first, "GET", "/admin/sites/" + clientId + "/orders", null,
                null, ownerKey).json().get("orders"), o -> o != null && o.size() == 1, WAIT);
        assertThat(orders.get(0).get("provider").asText()).isEqualTo("kofi");

        // Nothing of it reached the second stack: its table has no order, its queues are quiet.
        assertThat(second.stack().orders().listBySite(clientId, 10, null).orders()).isEmpty();
        assertThat(second.queueDepth("PaymentEventsQueue")).isZero();
        assertThat(send(second, "GET", "/admin/sites/" + clientId + "/orders", null, null, ownerKey).status())
                .as("the first stack's owner key means nothing to the second").isEqualTo(401);
    }
}

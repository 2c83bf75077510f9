package dev.orderhub.local.orders;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.OrderItemWrites;
import dev.orderhub.local.TestHub;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Nothing but the order commit writes an order item. One order goes through every kind of writer
 * there is over the local stack (the payment callback with its risk analysis, a workflow's tag
 * action, the thank-you e-mail, an admin's status change, and SES's bounce of that e-mail), while
 * {@link OrderItemWrites} sees every DynamoDB write of the JVM: each one that touched the order item
 * is the commit's conditional put on the version it read (or on the item's absence, for the first),
 * made from inside {@code OrderCommit.commit}, and the order's version counts exactly those writes.
 */
class OrderItemWritesIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SAMPLE_MESSAGE_ID = "EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000";
    private static final Set<String> COMMIT_CONDITIONS = Set.of("version = :v", "attribute_not_exists(pk)");

    @Test
    void everyWriteOfAnOrderItemIsTheCommitsVersionedPut() {
        JsonNode site = TestHub.newSite("Order writers");
        String clientId = site.get("clientId").asText();
        String adminKey = site.get("adminKey").asText();
        List<OrderItemWrites.Write> writes = OrderItemWrites.watch(clientId);
        try {
            String token = UUID.randomUUID().toString();
            assertThat(TestHub.putProvider(clientId, "kofi", adminKey, Map.of("verificationToken", token,
                    "autoReply", Map.of("enabled", true, "from", "no-reply@example.com", "subject", "Thanks", "body", "Thank you.")))
                    .status()).isEqualTo(200);
            OrderCommitIT.workflow(clientId, adminKey, "Tag paid orders", "order.paid",
                    Map.of("type", "add_order_tag", "tag", "vip"));

            String buyer = "writers-" + UUID.randomUUID() + "@example.com";
            ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
            data.put("verification_token", token);
            data.put("message_id", UUID.randomUUID().toString());
            data.put("kofi_transaction_id", UUID.randomUUID().toString());
            data.put("email", buyer);
            assertThat(TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded",
                    Requests.form("data", data.toString()), Map.of()).status()).isEqualTo(200);

            JsonNode order = await("the order tagged by its workflow", () -> TestHub.orders(clientId, adminKey),
                    o -> !o.isEmpty() && OrderCommitIT.tags(o.get(0)).contains("vip"), WAIT).get(0);
            String messageId = await(() -> TestHub.mailTo(buyer), m -> !m.isEmpty(), WAIT).get(0).get("messageId").asText();
            await(() -> TestHub.orderDetail(clientId, adminKey, order), d -> "sent".equals(d.get("autoReply").get("state").asText()),
                    WAIT);

            TestHub.Response done = TestHub.send("POST", "/admin/sites/" + clientId + "/orders/" + order.get("orderId").asText()
                    + "/status", "application/json", "{\"status\":\"done\",\"reason\":\"shipped\"}",
                    Map.of("authorization", "Bearer " + adminKey));
            assertThat(done.status()).as(done.body()).isEqualTo(200);

            TestHub.get().functions().invoke("MailEventsFunction",
                    TestHub.snsEvent(Samples.read("ses/bounce.json").replace(SAMPLE_MESSAGE_ID, messageId)));
            TestHub.awaitQuiet(WAIT);

            JsonNode last = TestHub.orderDetail(clientId, adminKey, order);
            assertThat(writes).as("the flow exercised every writer of an order")
                    .anyMatch(w -> w.stack().contains("PaymentEventProcessor"))
                    .anyMatch(w -> w.stack().contains("OrderEdits"))
                    .anyMatch(w -> w.stack().contains("ManualStatusChange"))
                    .anyMatch(w -> w.stack().contains("MailEventsFunction") && w.succeeded().get());
            assertThat(writes).allSatisfy(w -> {
                assertThat(w.operation()).as("%s", w).isEqualTo("PutItem");
                assertThat(w.condition()).as("%s", w).isIn(COMMIT_CONDITIONS);
                assertThat(w.viaCommit()).as("%s", w).isTrue();
            });
            assertThat(writes.stream().filter(w -> w.succeeded().get()).count())
                    .as("every version of the order is one of these writes").isEqualTo(last.get("version").asLong());
        } finally {
            OrderItemWrites.unwatch(clientId);
        }
    }
}

package dev.orderhub.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.local.SeededOrders;
import dev.orderhub.local.TestHub;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One vocabulary across the API: the names a client reads in one answer are the names it reads in the others. */
class ApiVocabularyIT {
    @Test
    void anOrdersTagsAreItsTagsFieldWhereverAWorkflowPutThem() {
        JsonNode site = TestHub.newSite("Vocabulary tags");
        String clientId = site.get("clientId").asText();
        String key = site.get("adminKey").asText();
        Order o = SeededOrders.save(clientId, 1, "kofi", OrderStatus.PAID, 300, "USD", 0, "Jo", "jo@example.com", null, false,
                "2026-01-01T00:00:00Z", Map.of("kofi.tier_name", "Gold"), java.util.Set.of("vip", "gift"));
        JsonNode view = TestHub.get("/admin/sites/" + clientId + "/orders/" + o.orderId(), key).json();
        List<String> tags = new ArrayList<>();
        view.get("tags").forEach(t -> tags.add(t.asText()));
        assertThat(tags).containsExactly("gift", "vip");
        assertThat(view.get("attributes").size()).as("one name per thing: tags, not also an attribute").isEqualTo(1);
        JsonNode listed = TestHub.get("/admin/sites/" + clientId + "/orders?tag=vip", key).json().get("orders");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("tags")).hasSize(2);

        Order untagged = SeededOrders.save(clientId, 2, "kofi", OrderStatus.PAID, 300, "USD", 0, "Jo", "jo@example.com", null,
                false, "2026-01-02T00:00:00Z", Map.of());
        assertThat(TestHub.get("/admin/sites/" + clientId + "/orders/" + untagged.orderId(), key).json().get("tags"))
                .as("no tags: an empty list, not null").isEmpty();
    }

    @Test
    void aNewSitesFirstKeyHasTheShapeOfAnyIssuedKey() {
        JsonNode site = TestHub.newSite("Vocabulary keys");
        String clientId = site.get("clientId").asText();
        JsonNode first = site.get("key");
        assertThat(first.get("keyId").asText()).isNotEmpty();
        assertThat(first.get("role").asText()).isEqualTo("owner");
        JsonNode issued = TestHub.send("POST", "/admin/sites/" + clientId + "/keys", "application/json", "{\"role\":\"viewer\"}",
                Map.of("authorization", "Bearer " + first.get("key").asText())).json();
        List<String> firstFields = new ArrayList<>();
        first.fieldNames().forEachRemaining(firstFields::add);
        List<String> issuedFields = new ArrayList<>();
        issued.fieldNames().forEachRemaining(issuedFields::add);
        assertThat(firstFields).isEqualTo(issuedFields);
    }

    @Test
    void exportColumnsAreCamelCaseLikeTheApi() {
        JsonNode site = TestHub.newSite("Vocabulary export");
        String clientId = site.get("clientId").asText();
        String key = site.get("adminKey").asText();
        SeededOrders.save(clientId, 1, "kofi", OrderStatus.PAID, 300, "USD", 0, "Jo", "jo@example.com", null, false,
                "2026-01-01T00:00:00Z", Map.of());
        TestHub.Response csv = TestHub.get("/admin/sites/" + clientId + "/export?type=orders&format=csv", key);
        assertThat(csv.body().split("\r\n")[0]).isEqualTo("orderId,provider,orderRef,status,amountMinor,currency,refundedMinor,"
                + "buyerName,buyerEmail,message,category,test,createdAt,receivedAt,updatedAt,intentId,review");
        JsonNode row = dev.orderhub.json.Json.parse(TestHub.get("/admin/sites/" + clientId + "/export?type=orders", key).body()
                .split("\n")[0]);
        assertThat(row.has("orderId") && row.has("amountMinor") && !row.has("order_id")).as(row.toString()).isTrue();
        TestHub.Response records = TestHub.get("/admin/sites/" + clientId + "/export?type=charge&format=csv", key);
        assertThat(records.body()).startsWith("provider,recordId,recordCreatedAt,test,id,created,");
    }
}

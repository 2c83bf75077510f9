package dev.orderhub.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.SeededOrders;
import dev.orderhub.local.TestHub;
import dev.orderhub.order.OrderStatus;
import dev.orderhub.record.NormalizedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Subscriptions, insights and export over the local stack, on orders and records written into its table. */
class AdminReportsIT {
    private static String clientId;
    private static String key;

    @BeforeAll
    static void seed() {
        JsonNode site = TestHub.newSite("Reports");
        clientId = site.get("clientId").asText();
        key = site.get("adminKey").asText();
        // March 2025: three buyers, two currencies, a refund, a pending order, a test order; one order in April.
        SeededOrders.save(clientId, 1, "kofi", OrderStatus.PAID, 500, "USD", 0, "Ann", "ann@example.com", null, false, "2025-03-01T10:00:00Z", Map.of());
        SeededOrders.save(clientId, 2, "kofi", OrderStatus.PAID, 300, "USD", 0, "Ann", "ANN@example.com", null, false, "2025-03-01T12:00:00.500Z", Map.of());
        SeededOrders.save(clientId, 3, "stripe", OrderStatus.PARTIALLY_REFUNDED, 2000, "EUR", 500, "Bob", "bob@example.com", null, false, "2025-03-02T09:00:00Z", Map.of());
        SeededOrders.save(clientId, 4, "bmc", OrderStatus.PAID, 1000, "JPY", 0, "Cy", "cy@example.com", null, false, "2025-03-03T09:00:00Z", Map.of());
        SeededOrders.save(clientId, 5, "stripe", OrderStatus.PENDING, 700, "USD", 0, "Dee", "dee@example.com", null, false, "2025-03-04T09:00:00Z", Map.of());
        SeededOrders.save(clientId, 6, "kofi", OrderStatus.PAID, 9999, "USD", 0, "Tess", "tess@example.com", null, true, "2025-03-05T09:00:00Z", Map.of());
        SeededOrders.save(clientId, 7, "kofi", OrderStatus.PAID, 100, "USD", 0, "Late", "late@example.com", "=1+1, \"quoted\"\nline", false, "2025-04-01T00:00:00Z", Map.of());
        for (int i = 1; i <= 20; i++) {
            ObjectNode data = Json.object();
            data.put("subscription_id", "sub-" + i);
            data.put("plan_id", "plan-" + (i % 2));
            data.put("user_id", i % 5 == 0 ? "user-vip" : "user-" + i);
            data.put("status", "active");
            data.put("date_next_charge", "2025-05-" + String.format("%02d", i) + "T00:00:00+00:00");
            data.put("notification_type", "create_subscription");
            TestHub.stack().records().upsert(clientId, new NormalizedRecord("subscription", "sub-" + i, 1, "xsolla",
                    "2025-04-01T00:00:00Z", String.format("2025-04-01T00:00:%02dZ", i), false, data));
        }
        ObjectNode stripe = Json.object();
        stripe.put("id", "sub_stripe1");
        stripe.put("customer", "cus_1");
        stripe.put("status", "active");
        stripe.put("current_period_end", "2025-06-01T00:00:00Z");
        stripe.put("cancel_at_period_end", false);
        stripe.putNull("ended_at");
        stripe.putArray("items").addObject().put("price", "price_gold");
        TestHub.stack().records().upsert(clientId, new NormalizedRecord("subscription", "sub_stripe1", 1, "stripe",
                "2025-04-02T00:00:00Z", "2025-04-02T00:00:00Z", false, stripe));
    }

    @Test
    void subscriptionsPageLikeXsollasListWithHasMore() {
        JsonNode first = TestHub.get("/admin/sites/" + clientId + "/subscriptions", key).json();
        assertThat(first.get("items")).hasSize(15);
        assertThat(first.get("has_more").asBoolean()).isTrue();
        JsonNode newest = first.get("items").get(0);
        assertThat(newest.get("id").asText()).isEqualTo("sub_stripe1");
        assertThat(newest.get("plan").asText()).isEqualTo("price_gold");
        assertThat(newest.get("date_next_charge").asText()).isEqualTo("2025-06-01T00:00:00Z");
        assertThat(newest.get("provider").asText()).isEqualTo("stripe");
        JsonNode x = first.get("items").get(1);
        assertThat(x.get("id").asText()).isEqualTo("sub-20");
        assertThat(x.get("plan").asText()).isEqualTo("plan-0");
        assertThat(x.get("status").asText()).isEqualTo("active");
        assertThat(x.get("date_next_charge").asText()).isEqualTo("2025-05-20T00:00:00+00:00");

        JsonNode rest = TestHub.get("/admin/sites/" + clientId + "/subscriptions?limit=15&offset=15", key).json();
        assertThat(rest.get("items")).hasSize(6);
        assertThat(rest.get("has_more").asBoolean()).isFalse();
        JsonNode exact = TestHub.get("/admin/sites/" + clientId + "/subscriptions?limit=21", key).json();
        assertThat(exact.get("items")).hasSize(21);
        assertThat(exact.get("has_more").asBoolean()).isFalse();

        JsonNode vip = TestHub.get("/admin/sites/" + clientId + "/subscriptions?buyer=user-vip&limit=3", key).json();
        assertThat(vip.get("items")).hasSize(3);
        vip.get("items").forEach(i -> assertThat(i.get("buyer").asText()).isEqualTo("user-vip"));
        assertThat(vip.get("has_more").asBoolean()).isTrue();
        assertThat(TestHub.get("/admin/sites/" + clientId + "/subscriptions?limit=0", key).json().get("error").get("field").asText())
                .isEqualTo("limit");
    }

    @Test
    void insightsSumPerCurrencyAndLeaveTestOrdersOut() {
        JsonNode r = TestHub.get("/admin/sites/" + clientId + "/insights?from=2025-03-01&to=2025-04-01&groupBy=provider", key).json();
        JsonNode totals = r.get("totals");
        assertThat(totals.get("orders").asLong()).isEqualTo(5);
        assertThat(totals.at("/byCurrency/USD/grossMinor").asLong()).as("the pending order received nothing").isEqualTo(800);
        assertThat(totals.at("/byCurrency/USD/orders").asLong()).isEqualTo(3);
        assertThat(totals.at("/byCurrency/EUR/grossMinor").asLong()).isEqualTo(2000);
        assertThat(totals.at("/byCurrency/EUR/refundedMinor").asLong()).isEqualTo(500);
        assertThat(totals.at("/byCurrency/EUR/netMinor").asLong()).isEqualTo(1500);
        assertThat(totals.at("/byCurrency/JPY/grossMinor").asLong()).isEqualTo(1000);
        List<String> keys = new ArrayList<>();
        r.get("groups").forEach(g -> keys.add(g.get("key").asText()));
        assertThat(keys).containsExactly("bmc", "kofi", "stripe");
        JsonNode top = r.at("/topSupporters/USD");
        assertThat(top.get(0).get("buyer").asText()).isEqualTo("a***@example.com");
        assertThat(top.get(0).get("netMinor").asLong()).as("the same buyer whatever the e-mail's case").isEqualTo(800);
        assertThat(top.get(0).get("orders").asLong()).isEqualTo(2);
        assertThat(r.toString()).doesNotContain("ann@example.com").doesNotContain("bob@example.com");

        JsonNode withTest = TestHub.get("/admin/sites/" + clientId + "/insights?from=2025-03-01&to=2025-04-01&test=true", key).json();
        assertThat(withTest.at("/totals/byCurrency/USD/grossMinor").asLong()).isEqualTo(800 + 9999);
        JsonNode days = TestHub.get("/admin/sites/" + clientId + "/insights?from=2025-03-01&to=2025-04-02", key).json();
        assertThat(days.get("groups").get(0).get("key").asText()).isEqualTo("2025-03-01");
        assertThat(days.get("groups").get(0).at("/byCurrency/USD/orders").asLong()).isEqualTo(2);
        assertThat(days.at("/totals/orders").asLong()).isEqualTo(6);

        for (String bad : List.of("from=2025-03-01", "from=2024-01-01&to=2025-03-01", "from=2025-03-01&to=2025-04-01&groupBy=week")) {
            TestHub.Response refused = TestHub.get("/admin/sites/" + clientId + "/insights?" + bad, key);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().get("error").has("field")).as(bad).isTrue();
        }
    }

    @Test
    void ordersExportAsCsvWithItsHeaderAndEscaping() {
        TestHub.Response r = TestHub.get("/admin/sites/" + clientId + "/export?type=orders&format=csv&from=2025-04-01", key);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("content-type").get(0)).startsWith("text/csv");
        String[] lines = r.body().split("\r\n");
        assertThat(lines[0]).isEqualTo(String.join(",", List.of("orderId", "provider", "orderRef", "status", "amountMinor",
                "currency", "refundedMinor", "buyerName", "buyerEmail", "message", "category", "test", "createdAt",
                "receivedAt", "updatedAt", "intentId", "review")));
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains(",100,USD,0,Late,late@example.com,\"'=1+1, \"\"quoted\"\"\nline\",,false,2025-04-01T00:00:00Z,");
        assertThat(r.headers()).doesNotContainKey("x-next-cursor");
    }

    @Test
    void exportPagesFollowTheNextCursorToTheEnd() {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TestHub.Response r = TestHub.get("/admin/sites/" + clientId + "/export?type=subscription&format=ndjson&limit=8"
                    + (cursor == null ? "" : "&cursor=" + cursor), key);
            assertThat(r.status()).isEqualTo(200);
            for (String line : r.body().split("\n")) {
                ids.add(Json.parse(line).get("recordId").asText());
            }
            cursor = r.headers().containsKey("x-next-cursor") ? r.headers().get("x-next-cursor").get(0) : null;
            if (cursor != null) {
                assertThat(r.headers().get("link").get(0)).contains("cursor=" + cursor).contains("type=subscription").endsWith("rel=\"next\"");
            }
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(ids).hasSize(21).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(3);

        TestHub.Response csv = TestHub.get("/admin/sites/" + clientId + "/export?type=subscription&format=csv&limit=1", key);
        assertThat(csv.body().split("\r\n")[0]).startsWith("provider,recordId,recordCreatedAt,test,id,created,customer,status");
        TestHub.Response empty = TestHub.get("/admin/sites/" + clientId + "/export?type=charge&format=csv", key);
        assertThat(empty.body().split("\r\n")).hasSize(1);
        assertThat(TestHub.get("/admin/sites/" + clientId + "/export?type=invoice", key).json().get("error").get("field").asText())
                .isEqualTo("type");
    }
}

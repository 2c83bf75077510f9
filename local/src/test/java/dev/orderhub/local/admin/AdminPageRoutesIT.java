package dev.orderhub.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.SeededOrders;
import dev.orderhub.local.TestHub;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the admin page needs from the API beyond the lists: the status changes the server allows on an order, and
 * totals and exports over the same filter as the order list.
 */
class AdminPageRoutesIT {
    private static final Instant T0 = Instant.parse("2025-02-01T00:00:00Z");
    private static String clientId;
    private static String key;
    private static final List<Order> ORDERS = new ArrayList<>();

    @BeforeAll
    static void seed() {
        JsonNode site = TestHub.newSite("Admin page routes");
        clientId = site.get("clientId").asText();
        key = site.get("adminKey").asText();
        // kofi: paid 1.00, paid 2.00 (test), pending 3.00; stripe: paid 4.00 with the tag vip, refunded 5.00
        ORDERS.add(SeededOrders.save(clientId, 1, "kofi", OrderStatus.PAID, 100, "USD", 0, "Ann", "ann@example.com", "hello",
                false, T0.plusSeconds(3600).toString(), Map.of()));
        ORDERS.add(SeededOrders.save(clientId, 2, "kofi", OrderStatus.PAID, 200, "USD", 0, "Bob", "bob@example.com", null,
                true, T0.plusSeconds(7200).toString(), Map.of()));
        ORDERS.add(SeededOrders.save(clientId, 3, "kofi", OrderStatus.PENDING, 300, "USD", 0, "Cy", "cy@example.com", null,
                false, T0.plusSeconds(10800).toString(), Map.of()));
        ORDERS.add(SeededOrders.save(clientId, 4, "stripe", OrderStatus.PAID, 400, "USD", 0, "Di", "di@example.com", null,
                false, T0.plusSeconds(14400).toString(), Map.of(), java.util.Set.of("vip")));
        ORDERS.add(SeededOrders.save(clientId, 5, "stripe", OrderStatus.REFUNDED, 500, "USD", 500, "Ed", "ed@example.com", null,
                false, T0.plusSeconds(18000).toString(), Map.of()));
    }

    private static JsonNode get(String path) {
        TestHub.Response r = TestHub.get("/admin/sites/" + clientId + path, key);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void anOrderSaysWhichStatusesAnAdminMaySetItToAndTheServerHoldsToIt() {
        JsonNode pending = get("/orders/" + ORDERS.get(2).orderId());
        assertThat(texts(pending.get("allowedTransitions"))).containsExactly("failed", "paid", "canceled");
        JsonNode refunded = get("/orders/" + ORDERS.get(4).orderId());
        assertThat(refunded.get("allowedTransitions")).isEmpty();
        JsonNode listed = get("/orders?provider=stripe&status=paid").get("orders").get(0);
        assertThat(texts(listed.get("allowedTransitions"))).containsExactly("done", "refunded", "canceled");
        TestHub.Response refused = TestHub.send("POST", "/admin/sites/" + clientId + "/orders/" + ORDERS.get(4).orderId() + "/status",
                "application/json", Json.write(Map.of("status", "pending", "reason", "x")), Map.of("authorization", "Bearer " + key));
        assertThat(refused.status()).isEqualTo(409);
    }

    @Test
    void insightsTotalTheSameFilterAsTheOrderList() {
        String range = "from=2025-02-01&to=2025-02-02";
        JsonNode kofi = get("/insights?" + range + "&provider=kofi").get("totals");
        assertThat(kofi.get("orders").asLong()).as("live kofi orders: the test order is left out").isEqualTo(2);
        assertThat(kofi.get("byCurrency").get("USD").get("grossMinor").asLong()).isEqualTo(100);
        JsonNode vip = get("/insights?" + range + "&tag=vip").get("totals");
        assertThat(vip.get("orders").asLong()).isEqualTo(1);
        assertThat(vip.get("byCurrency").get("USD").get("netMinor").asLong()).isEqualTo(400);
        JsonNode byText = get("/insights?" + range + "&q=HELLO&status=paid&amountMin=50&amountMax=150&currency=USD"
                + "&email=ANN@example.com").get("totals");
        assertThat(byText.get("orders").asLong()).isEqualTo(1);
        JsonNode withTest = get("/insights?" + range + "&provider=kofi&status=paid&test=true").get("totals");
        assertThat(withTest.get("byCurrency").get("USD").get("grossMinor").asLong()).isEqualTo(300);
        TestHub.Response bad = TestHub.get("/admin/sites/" + clientId + "/insights?" + range + "&status=lost", key);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").get("field").asText()).isEqualTo("status");
    }

    @Test
    void theOrderExportTakesTheOrderListsFilter() {
        TestHub.Response csv = TestHub.get("/admin/sites/" + clientId + "/export?type=orders&format=csv&provider=stripe&status=paid",
                key);
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith(ORDERS.get(3).orderId() + ",");
        TestHub.Response ndjson = TestHub.get("/admin/sites/" + clientId + "/export?type=orders&test=true", key);
        assertThat(ndjson.body().lines().map(l -> Json.parse(l).get("orderId").asText()).toList())
                .containsExactly(ORDERS.get(1).orderId());
        TestHub.Response records = TestHub.get("/admin/sites/" + clientId + "/export?type=charge&provider=stripe", key);
        assertThat(records.status()).as("record exports have no order filter").isEqualTo(400);
    }
}

package dev.orderhub.local.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.SeededOrders;
import dev.orderhub.local.TestHub;
import dev.orderhub.order.OrderStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Paging cursors come back from the caller. One taken from another site, or edited, must neither
 * page the other site's data nor fail inside the hub: it is a 400 INVALID_CURSOR.
 */
class ForgedCursorIT {
    private static String siteA;
    private static String keyA;
    private static String siteB;
    private static String keyB;
    private static final List<String> ordersOfB = new ArrayList<>();

    @BeforeAll
    static void twoSitesWithOrders() {
        JsonNode a = TestHub.newSite("Cursor A");
        JsonNode b = TestHub.newSite("Cursor B");
        siteA = a.get("clientId").asText();
        keyA = a.get("adminKey").asText();
        siteB = b.get("clientId").asText();
        keyB = b.get("adminKey").asText();
        for (int i = 1; i <= 3; i++) {
            SeededOrders.save(siteA, i, "kofi", OrderStatus.PAID, 500, "USD", 0, "Ann", "ann@example.com", null, false,
                    "2025-03-0" + i + "T10:00:00Z", Map.of());
            ordersOfB.add(SeededOrders.save(siteB, i, "stripe", OrderStatus.PAID, 700, "USD", 0, "Bob", "bob@example.com", null,
                    false, "2025-03-0" + i + "T11:00:00Z", Map.of()).orderId());
        }
    }

    private static String q(String cursor) {
        return URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }

    private static void assertInvalidCursor(TestHub.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("error").get("code").asText()).isEqualTo("INVALID_CURSOR");
        for (String id : ordersOfB) {
            assertThat(r.body()).doesNotContain(id);
        }
    }

    private static String ordersCursorOf(String clientId, String key) {
        TestHub.Response first = TestHub.get("/admin/sites/" + clientId + "/orders?limit=1", key);
        assertThat(first.status()).isEqualTo(200);
        String next = first.json().get("next").asText(null);
        assertThat(next).isNotNull();
        return next;
    }

    @Test
    void anotherSitesOrdersCursorDoesNotPageItsOrders() {
        String cursorOfB = ordersCursorOf(siteB, keyB);
        assertInvalidCursor(TestHub.get("/admin/sites/" + siteA + "/orders?limit=5&cursor=" + q(cursorOfB), keyA));
        assertInvalidCursor(TestHub.get("/admin/sites/" + siteA + "/export?type=orders&limit=5&cursor=" + q(cursorOfB), keyA));
        assertInvalidCursor(TestHub.get("/admin/sites/" + siteA + "/review?cursor=" + q(cursorOfB), keyA));
    }

    @Test
    void anotherSitesExportCursorDoesNotPageItsOrders() {
        TestHub.Response first = TestHub.get("/admin/sites/" + siteB + "/export?type=orders&limit=1", keyB);
        assertThat(first.status()).isEqualTo(200);
        String cursorOfB = first.headers().get("x-next-cursor").get(0);
        assertInvalidCursor(TestHub.get("/admin/sites/" + siteA + "/export?type=orders&limit=5&cursor=" + q(cursorOfB), keyA));
    }

    @Test
    void anEditedCursorIsRefusedNotAServerError() {
        ObjectNode key = (ObjectNode) Json.parse(new String(Base64.getUrlDecoder().decode(ordersCursorOf(siteA, keyA)),
                StandardCharsets.UTF_8));
        key.put("gsi1sk", "~after everything");
        String edited = Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(key).getBytes(StandardCharsets.UTF_8));
        assertInvalidCursor(TestHub.get("/admin/sites/" + siteA + "/orders?limit=5&from=2025-03-01T00:00:00Z&to=2025-03-31T00:00:00Z&cursor="
                + q(edited), keyA));
        key.put("gsi1sk", "2025-03-02T10:00:00Z#x");
        key.put("pk", "ORDER#" + siteB + "#x");
        String otherTableKey = Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(key).getBytes(StandardCharsets.UTF_8));
        assertInvalidCursor(TestHub.get("/admin/sites/" + siteA + "/orders?limit=5&cursor=" + q(otherTableKey), keyA));
        assertInvalidCursor(TestHub.get("/admin/sites/" + siteA + "/orders?cursor=not-a-cursor", keyA));
    }

    @Test
    void theOperatorsSiteListRefusesAnOrdersCursor() {
        assertInvalidCursor(TestHub.get("/admin/sites?limit=1&cursor=" + q(ordersCursorOf(siteB, keyB)), TestHub.get().operatorKey()));
    }
}

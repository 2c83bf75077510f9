package dev.orderhub.local.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.local.SeededOrders;
import dev.orderhub.local.TestHub;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** GET /admin/sites/{clientId}/orders with filters: every page is right and paging through finds exactly the matches. */
class OrderFiltersIT {
    private static final List<Order> ORDERS = new ArrayList<>();
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static String clientId;
    private static String key;

    @BeforeAll
    static void seed() {
        JsonNode site = TestHub.newSite("Filters");
        clientId = site.get("clientId").asText();
        key = site.get("adminKey").asText();
        String[] providers = {"kofi", "stripe", "bmc"};
        String[] currencies = {"USD", "EUR", "JPY"};
        OrderStatus[] statuses = {OrderStatus.PAID, OrderStatus.PENDING, OrderStatus.REFUNDED};
        for (int i = 1; i <= 40; i++) {
            // Created one day apart; some at whole seconds, some with milliseconds, to exercise the range bounds.
            String createdAt = T0.plusSeconds(86_400L * i).plusMillis(i % 2 == 0 ? 0 : 250).toString();
            java.util.Set<String> tags = i % 5 == 0 ? java.util.Set.of("vip", "gift") : java.util.Set.of();
            ORDERS.add(SeededOrders.save(clientId, i, providers[i % 3], statuses[i % 3 == 2 ? 2 : i % 2],
                    100L * i, currencies[i % 3 == 0 ? 0 : i % 3], 0, i % 7 == 0 ? "Jane SMITH " + i : "Buyer " + i,
                    "buyer" + (i % 4) + "@Example.com", i == 13 ? "Thanks for the Coffee!" : null, i % 6 == 0,
                    createdAt, Map.of(), tags));
        }
        // An item holding its tags as a string set (as some older items do) is read as tagged.
        Order tagged = ORDERS.get(2);
        TestHub.stack().dynamoDb().updateItem(UpdateItemRequest.builder().tableName(TestHub.get().tableName("HubTable"))
                .key(Map.of("pk", AttributeValue.fromS("ORDER#" + clientId + "#" + tagged.orderId()),
                        "sk", AttributeValue.fromS("#ORDER")))
                .updateExpression("SET tags = :t").expressionAttributeValues(Map.of(":t", AttributeValue.fromSs(List.of("vip"))))
                .build());
    }

    /** Every order id the filter yields, following {@code next} to the end, checking each page's size. */
    private static List<String> all(String query, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String path = "/admin/sites/" + clientId + "/orders?limit=" + limit + (query.isEmpty() ? "" : "&" + query)
                    + (cursor == null ? "" : "&cursor=" + cursor);
            TestHub.Response r = TestHub.get(path, key);
            assertThat(r.status()).as(path + " " + r.body()).isEqualTo(200);
            assertThat(r.json().get("orders").size()).isLessThanOrEqualTo(limit);
            r.json().get("orders").forEach(o -> ids.add(o.get("orderId").asText()));
            cursor = r.json().hasNonNull("next") ? r.json().get("next").asText() : null;
        } while (cursor != null && ++pages < 100);
        return ids;
    }

    /** The expected ids, newest first. */
    private static List<String> expected(Predicate<Order> p) {
        List<String> out = new ArrayList<>();
        for (int i = ORDERS.size() - 1; i >= 0; i--) {
            if (p.test(ORDERS.get(i))) {
                out.add(ORDERS.get(i).orderId());
            }
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void eachFilterFindsExactlyItsOrdersAcrossPages() {
        assertThat(all("", 7)).containsExactlyElementsOf(expected(o -> true));
        assertThat(all("provider=stripe", 3)).containsExactlyElementsOf(expected(o -> o.provider().equals("stripe")));
        assertThat(all("status=refunded", 4)).containsExactlyElementsOf(expected(o -> o.status() == OrderStatus.REFUNDED));
        assertThat(all("currency=JPY", 2)).containsExactlyElementsOf(expected(o -> o.amount().currency().equals("JPY")));
        assertThat(all("amountMin=1000&amountMax=1500", 2))
                .containsExactlyElementsOf(expected(o -> o.amount().minor() >= 1000 && o.amount().minor() <= 1500));
        assertThat(all("email=" + enc("BUYER1@example.com"), 3))
                .containsExactlyElementsOf(expected(o -> o.buyerEmail().equals("buyer1@Example.com")));
        assertThat(all("q=smith", 2)).hasSize(5).containsExactlyElementsOf(expected(o -> o.buyerName().contains("SMITH")));
        assertThat(all("q=COFFEE", 2)).containsExactly(ORDERS.get(12).orderId());
        assertThat(all("test=true", 2)).containsExactlyElementsOf(expected(Order::test));
        assertThat(all("test=false", 9)).containsExactlyElementsOf(expected(o -> !o.test()));
        assertThat(all("tag=gift", 3)).containsExactlyElementsOf(expected(o -> o.tags().contains("gift")));
        assertThat(all("tag=vip", 3)).containsExactlyElementsOf(
                expected(o -> o.tags().contains("gift") || o == ORDERS.get(2)));
        assertThat(all("provider=kofi&currency=USD&test=false", 1)).containsExactlyElementsOf(
                expected(o -> o.provider().equals("kofi") && o.amount().currency().equals("USD") && !o.test()));
    }

    @Test
    void theDateRangeIsFromInclusiveToExclusive() {
        // Orders 10..19 were created on 2025-01-11 .. 2025-01-20 (odd ones 250 ms after midnight).
        assertThat(all("from=2025-01-11&to=2025-01-21", 4)).containsExactlyElementsOf(
                expected(o -> o.createdAt().compareTo("2025-01-11") >= 0 && o.createdAt().compareTo("2025-01-21") < 0)).hasSize(10);
        assertThat(all("from=" + enc("2025-01-12T00:00:00Z") + "&to=" + enc("2025-01-13T00:00:00Z"), 4))
                .containsExactly(ORDERS.get(10).orderId());
        assertThat(all("from=2025-01-11&to=2025-01-21&provider=bmc", 1)).hasSize(3);
    }

    @Test
    void aRareMatchIsFoundEvenIfPagesInBetweenAreEmpty() {
        // One match among 40: the search reads on through pages with no match, within its read bound.
        assertThat(all("q=coffee", 1)).containsExactly(ORDERS.get(12).orderId());
    }

    @Test
    void everyBadParameterIsA400NamingIt() {
        Map<String, String> bad = Map.of(
                "provider=paypal", "provider", "status=lost", "status", "from=yesterday", "from",
                "from=2025-02-01&to=2025-01-01", "to", "amountMin=-1", "amountMin", "amountMin=5&amountMax=4", "amountMax",
                "currency=eur", "currency", "test=yes", "test", "limit=201", "limit", "cursor=bm90LWEta2V5", "cursor");
        bad.forEach((query, field) -> {
            TestHub.Response r = TestHub.get("/admin/sites/" + clientId + "/orders?" + query, key);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.json().get("error").get("field").asText()).as(query).isEqualTo(field);
        });
        TestHub.Response typo = TestHub.get("/admin/sites/" + clientId + "/orders?providr=kofi", key);
        assertThat(typo.json().get("error").get("field").asText()).isEqualTo("providr");
        TestHub.Response longQ = TestHub.get("/admin/sites/" + clientId + "/orders?q=" + "x".repeat(101), key);
        assertThat(longQ.json().get("error").get("field").asText()).isEqualTo("q");
    }
}

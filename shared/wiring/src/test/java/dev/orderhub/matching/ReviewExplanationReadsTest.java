package dev.orderhub.matching;

import static dev.orderhub.matching.MatchRulesTest.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.intent.DynamoIntentRepository;
import dev.orderhub.intent.IntentRepository;
import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import dev.orderhub.site.DynamoSiteRepository;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The reason of an order sent to review without a candidate names the rule the closest intents
 * failed, also of intents outside the window; and explaining it costs a bounded read of the
 * intents closest to the window, not a re-read of the window plus hundreds of older intents.
 * Counted on a table held in memory that answers the intent index queries as DynamoDB does
 * (key range, order, limit, paging) and counts the index items it returns.
 */
class ReviewExplanationReadsTest {
    private static final Instant ORDER_AT = Instant.parse("2026-03-01T12:00:00Z");

    /** gsi1 of the hub's table, for intents only: sort key → item; counts the items queries return. */
    private static final class IntentIndex {
        final TreeMap<String, Map<String, AttributeValue>> bySortKey = new TreeMap<>();
        int itemsRead;
        int queries;

        DynamoDbClient client() {
            return (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "putItem" -> {
                            Map<String, AttributeValue> item = ((PutItemRequest) args[0]).item();
                            if (item.containsKey("gsi1sk")) {
                                bySortKey.put(item.get("gsi1sk").s(), item);
                            }
                            yield PutItemResponse.builder().build();
                        }
                        case "getItem" -> GetItemResponse.builder().build();
                        case "query" -> query((QueryRequest) args[0]);
                        case "close" -> null;
                        case "serviceName" -> "dynamodb";
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        private QueryResponse query(QueryRequest q) {
            if (!"gsi1".equals(q.indexName())) {
                return QueryResponse.builder().items(List.of()).build(); // the site partition: no site item, default settings
            }
            queries++;
            Map<String, AttributeValue> v = q.expressionAttributeValues();
            List<Map<String, AttributeValue>> range = new ArrayList<>(bySortKey
                    .subMap(v.get(":from").s(), true, v.get(":to").s(), true).values());
            range.removeIf(i -> !i.get("gsi1pk").s().equals(v.get(":p").s()));
            if (Boolean.FALSE.equals(q.scanIndexForward())) {
                range.sort(Comparator.comparing((Map<String, AttributeValue> i) -> i.get("gsi1sk").s()).reversed());
            }
            if (q.hasExclusiveStartKey()) {
                String last = q.exclusiveStartKey().get("gsi1sk").s();
                int at = 0;
                while (at < range.size() && !range.get(at).get("gsi1sk").s().equals(last)) {
                    at++;
                }
                range = range.subList(Math.min(range.size(), at + 1), range.size());
            }
            int limit = q.limit() == null ? 1000 : q.limit();
            List<Map<String, AttributeValue>> page = range.subList(0, Math.min(limit, range.size()));
            itemsRead += page.size();
            QueryResponse.Builder r = QueryResponse.builder().items(page);
            if (page.size() < range.size()) {
                r.lastEvaluatedKey(Map.of("gsi1sk", page.get(page.size() - 1).get("gsi1sk")));
            }
            return r.build();
        }
    }

    private final IntentIndex index = new IntentIndex();
    private final IntentRepository intents = new DynamoIntentRepository(index.client(), "hub");

    private void intent(String email, long minor, Instant createdAt) {
        intents.create("site_a", new IntentRepository.Draft("Jo", email, Money.ofMinor(minor, "USD"), "kofi", null, null, false),
                "hash", createdAt, Duration.ofHours(2000));
    }

    private String explain(Order order, Instant now) {
        IntentMatcher matcher = new IntentMatcher(null, intents, new DynamoSiteRepository(index.client(), "hub", null),
                Clock.fixed(now, ZoneOffset.UTC));
        index.itemsRead = 0;
        index.queries = 0;
        return matcher.decide(order).match().reason();
    }

    private static Order jo() {
        return order("jo@example.com", 2000, "USD", "thanks");
    }

    @Test
    void intentsJustBeforeTheWindowAreNamedWhateverIsOlder() {
        intent("Jo@Example.com", 2000, ORDER_AT.minus(Duration.ofHours(49)));
        intent("jo@example.com", 2000, ORDER_AT.minus(Duration.ofHours(54)));
        intent("ann@example.com", 2000, ORDER_AT.minusSeconds(60)); // in the window, another buyer
        assertThat(explain(jo(), ORDER_AT.plusSeconds(5))).isEqualTo(
                "no candidate: 2 intents match e-mail, amount and currency but were created outside the 48 h window before the order");
    }

    @Test
    void aLateDeliverySeesIntentsCreatedAfterThePayment() {
        intent("jo@example.com", 2000, ORDER_AT.plus(Duration.ofHours(2)));
        intent("jo@example.com", 2000, ORDER_AT.plus(Duration.ofHours(3)));
        assertThat(explain(jo(), ORDER_AT.plus(Duration.ofHours(5)))).isEqualTo(
                "no candidate: 2 intents match e-mail, amount and currency but were created more than 10 min after the order");
    }

    @Test
    void theAmountInTheWindowAndTheTimeOutsideItAreBothWeighed() {
        intent("jo@example.com", 2500, ORDER_AT.minusSeconds(60));
        intent("jo@example.com", 2000, ORDER_AT.minus(Duration.ofHours(49)));
        intent("jo@example.com", 2000, ORDER_AT.plus(Duration.ofHours(1)));
        assertThat(explain(jo(), ORDER_AT.plus(Duration.ofHours(2)))).isEqualTo("no candidate: 2 intents match e-mail, "
                + "amount and currency but were created outside the 48 h window before the order (1) or more than 10 min after it (1)");
    }

    @Test
    void explainingReadsTheClosestIntentsOutsideTheWindowNotHundredsOfOlderOnes() {
        for (int i = 0; i < 600; i++) { // other buyers' open intents over the past month
            intent("buyer" + i + "@example.com", 2000, ORDER_AT.minus(Duration.ofHours(50)).minus(Duration.ofMinutes(i * 60L)));
        }
        intent("jo@example.com", 2000, ORDER_AT.minus(Duration.ofHours(49)));
        for (int i = 0; i < 3; i++) {
            intent("in-window" + i + "@example.com", 2000, ORDER_AT.minus(Duration.ofHours(i + 1)));
        }
        String reason = explain(jo(), ORDER_AT.plusSeconds(5));

        assertThat(reason).startsWith("no candidate: 1 intent matches e-mail, amount and currency but was created outside the 48 h "
                + "window before the order");
        // The match reads the window's 3; the explanation at most the 25 closest before it (was: 500, oldest first, window again).
        assertThat(index.itemsRead).isLessThanOrEqualTo(3 + IntentMatcher.EXPLAIN_READS);
    }

    @Test
    void whenMoreIntentsThanItReadsLieOutsideTheWindowTheReasonSaysSo() {
        for (int i = 0; i < 40; i++) {
            intent("buyer" + i + "@example.com", 2000, ORDER_AT.minus(Duration.ofHours(49)).minus(Duration.ofMinutes(i)));
        }
        intent("jo@example.com", 2000, ORDER_AT.minus(Duration.ofHours(200)));
        assertThat(explain(jo(), ORDER_AT.plusSeconds(5))).isEqualTo("no candidate: no open intent with this e-mail"
                + " (among the open intents in the window and the " + IntentMatcher.EXPLAIN_READS + " closest on each side of it)");
    }

    @Test
    void anOrderWithoutCandidateOnASiteWithoutOpenIntentsCostsOneIndexQuery() {
        // The window and the span before it are read together: the explanation needs no query of its own.
        assertThat(explain(jo(), ORDER_AT.plusSeconds(5))).isEqualTo("no candidate: no open intent with this e-mail");
        assertThat(index.queries).isEqualTo(1);
    }

    @Test
    void theClosestIntentsBeforeASmallWindowComeWithTheWindowsQuery() {
        for (int i = 0; i < 10; i++) {
            intent("buyer" + i + "@example.com", 2000, ORDER_AT.minus(Duration.ofHours(60 + i)));
        }
        intent("jo@example.com", 2000, ORDER_AT.minus(Duration.ofHours(49)));
        intent("ann@example.com", 2000, ORDER_AT.minusSeconds(60));
        assertThat(explain(jo(), ORDER_AT.plusSeconds(5))).isEqualTo(
                "no candidate: 1 intent matches e-mail, amount and currency but was created outside the 48 h window before the order");
        assertThat(index.queries).isEqualTo(1);
        assertThat(index.itemsRead).isEqualTo(12);
    }

    @Test
    void aWindowFullerThanOnePageIsReadWholeAndTheIntentsBeforeItStillExplain() {
        for (int i = 0; i < 40; i++) { // other buyers' intents in the window: more than one page of the combined read
            intent("buyer" + i + "@example.com", 2000, ORDER_AT.minus(Duration.ofMinutes(10 + i)));
        }
        intent("jo@example.com", 2000, ORDER_AT.minus(Duration.ofHours(49)));
        assertThat(explain(jo(), ORDER_AT.plusSeconds(5))).isEqualTo(
                "no candidate: 1 intent matches e-mail, amount and currency but was created outside the 48 h window before the order");
        // Window: one page of 25, the other 15 (and the page's last again); before it: what is there (1).
        assertThat(index.itemsRead).isLessThanOrEqualTo(40 + 1 + IntentMatcher.EXPLAIN_READS);
    }

    @Test
    void aBuyersIntentInAWindowFullerThanOnePageIsStillMatched() {
        for (int i = 0; i < 40; i++) {
            intent("buyer" + i + "@example.com", 1000 + i, ORDER_AT.minus(Duration.ofMinutes(10 + i)));
        }
        intent("jo@example.com", 2000, ORDER_AT.minus(Duration.ofMinutes(45))); // among the oldest of the window
        Order decided = new IntentMatcher(null, intents, new DynamoSiteRepository(index.client(), "hub", null),
                Clock.fixed(ORDER_AT.plusSeconds(5), ZoneOffset.UTC)).decide(jo());
        assertThat(decided.match().reason()).as(decided.match().toString()).contains("suggests 1 candidate");
        assertThat(decided.match().suggested()).isNotNull();
    }

    @Test
    void aLateDeliveryWithoutCandidateCostsOneIndexQueryWhenFewIntentsAreAround() {
        // Window, the span before it and the span after it (the payment is 5 h old): one read, not three.
        intent("jo@example.com", 2000, ORDER_AT.plus(Duration.ofHours(2)));
        intent("ann@example.com", 2000, ORDER_AT.minus(Duration.ofHours(50)));
        assertThat(explain(jo(), ORDER_AT.plus(Duration.ofHours(5)))).isEqualTo(
                "no candidate: 1 intent matches e-mail, amount and currency but was created more than 10 min after the order");
        assertThat(index.queries).isEqualTo(1);
    }

    @Test
    void aLateDeliveryAfterMoreIntentsThanAPageStillSeesTheClosestAfterTheWindow() {
        intent("jo@example.com", 2000, ORDER_AT.plus(Duration.ofMinutes(20))); // the closest after the window
        for (int i = 0; i < 60; i++) { // other buyers' intents since
            intent("buyer" + i + "@example.com", 2000, ORDER_AT.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(i)));
        }
        assertThat(explain(jo(), ORDER_AT.plus(Duration.ofHours(5)))).isEqualTo("no candidate: 1 intent matches e-mail, amount and"
                + " currency but was created more than 10 min after the order (among the open intents in the window and the "
                + IntentMatcher.EXPLAIN_READS + " closest on each side of it)");
    }

    @Test
    void aSiteWhoseWindowFillsThePageIsReadWindowFirstFromThenOn() {
        for (int i = 0; i < 40; i++) { // a busy site: more open intents in the window than a page
            intent("buyer" + i + "@example.com", 2000, ORDER_AT.minus(Duration.ofMinutes(10 + i)));
        }
        intent("jo@example.com", 2000, ORDER_AT.minus(Duration.ofMinutes(5)));
        String first = explain(jo(), ORDER_AT.plusSeconds(5));
        int firstQueries = index.queries;
        String second = explain(jo(), ORDER_AT.plusSeconds(6));

        assertThat(second).isEqualTo(first).contains("suggests 1 candidate");
        assertThat(firstQueries).isEqualTo(2); // the page, then the rest of the window
        assertThat(index.queries).as("the window alone, as before the combined read").isEqualTo(1);
    }
}

package dev.orderhub.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.reconcile.ReconcilePolicy;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The orders of a batch read in one BatchGetItem: consistent, each key once, and the keys DynamoDB
 * leaves unprocessed asked once more; a key still unprocessed then is left out of the answer, never
 * reported as an order that does not exist.
 */
class DynamoOrderBatchReadTest {
    private static final String TABLE = "hub";
    private final List<BatchGetItemRequest> requests = new ArrayList<>();
    private final Deque<Function<BatchGetItemRequest, BatchGetItemResponse>> answers = new ArrayDeque<>();
    private final DynamoOrderRepository orders = new DynamoOrderRepository(db(), TABLE, new ReconcilePolicy(List::of));

    private static final OrderKey ONE = new OrderKey("site_a", "o1");
    private static final OrderKey TWO = new OrderKey("site_a", "o2");
    private static final OrderKey THREE = new OrderKey("site_b", "o3");

    @Test
    void oneConsistentRequestAnswersEveryKeyAskedOnceWithItsOrderOrItsAbsence() {
        answers.add(r -> answer(List.of(item(ONE, 4), item(THREE, 1)), List.of()));

        Map<OrderKey, Optional<Order>> read = orders.findAll(List.of(ONE, TWO, THREE, ONE));

        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).requestItems().get(TABLE).consistentRead()).isTrue();
        assertThat(requests.get(0).requestItems().get(TABLE).keys()).as("each key once").hasSize(3);
        assertThat(read).containsOnlyKeys(ONE, TWO, THREE);
        assertThat(read.get(ONE)).hasValueSatisfying(o -> assertThat(o.version()).isEqualTo(4));
        assertThat(read.get(TWO)).as("answered: no such order").isEmpty();
        assertThat(read.get(THREE)).hasValueSatisfying(o -> assertThat(o.clientId()).isEqualTo("site_b"));
    }

    @Test
    void unprocessedKeysAreAskedOnceMoreAndThoseLeftAgainAreLeftOutNotReportedAbsent() {
        answers.add(r -> answer(List.of(item(ONE, 2)), List.of(TWO, THREE)));
        answers.add(r -> answer(List.of(), List.of(THREE)));

        Map<OrderKey, Optional<Order>> read = orders.findAll(List.of(ONE, TWO, THREE));

        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).requestItems().get(TABLE).keys()).as("only the unprocessed keys again").hasSize(2);
        assertThat(requests.get(1).requestItems().get(TABLE).consistentRead()).isTrue();
        assertThat(read.get(ONE)).isPresent();
        assertThat(read.get(TWO)).as("answered the second time: no such order").isEmpty();
        assertThat(read).as("never answered").doesNotContainKey(THREE);
    }

    @Test
    void moreKeysThanOneRequestTakesAreReadInRequestsOfAHundred() {
        List<OrderKey> keys = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            keys.add(new OrderKey("site_a", "o" + i));
        }
        answers.add(r -> answer(List.of(), List.of()));
        answers.add(r -> answer(List.of(), List.of()));

        Map<OrderKey, Optional<Order>> read = orders.findAll(keys);

        assertThat(requests).extracting(r -> r.requestItems().get(TABLE).keys().size()).containsExactly(100, 50);
        assertThat(read).hasSize(150);
    }

    @Test
    void aKeyNoOrderCanHaveIsLeftOutWithoutCostingTheOthersTheirRead() {
        // A malformed queued event (a site id that cannot stand in a key) fails alone when it is processed.
        OrderKey malformed = new OrderKey("site_a#x", "o9");
        answers.add(r -> answer(List.of(item(ONE, 3)), List.of()));

        Map<OrderKey, Optional<Order>> read = orders.findAll(List.of(ONE, malformed, TWO));

        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).requestItems().get(TABLE).keys()).hasSize(2);
        assertThat(read).containsOnlyKeys(ONE, TWO);
        assertThat(read.get(ONE)).isPresent();
    }

    private static BatchGetItemResponse answer(List<Map<String, AttributeValue>> items, List<OrderKey> unprocessed) {
        BatchGetItemResponse.Builder b = BatchGetItemResponse.builder().responses(Map.of(TABLE, items));
        if (!unprocessed.isEmpty()) {
            b.unprocessedKeys(Map.of(TABLE, KeysAndAttributes.builder().keys(unprocessed.stream().map(DynamoOrderBatchReadTest::key)
                    .toList()).build()));
        }
        return b.build();
    }

    private static Map<String, AttributeValue> key(OrderKey k) {
        return Map.of("pk", AttributeValue.fromS(DynamoOrderRepository.orderPk(k.clientId(), k.orderId())),
                "sk", AttributeValue.fromS("#ORDER"));
    }

    private static Map<String, AttributeValue> item(OrderKey k, long version) {
        Map<String, AttributeValue> item = new HashMap<>(key(k));
        item.put("clientId", AttributeValue.fromS(k.clientId()));
        item.put("orderId", AttributeValue.fromS(k.orderId()));
        item.put("provider", AttributeValue.fromS("stripe"));
        item.put("orderRef", AttributeValue.fromS("pi_" + k.orderId()));
        item.put("status", AttributeValue.fromS("pending"));
        item.put("createdAt", AttributeValue.fromS("2026-03-01T10:00:00Z"));
        item.put("updatedAt", AttributeValue.fromS("2026-03-01T10:00:00Z"));
        item.put("version", AttributeValue.fromN(Long.toString(version)));
        return item;
    }

    private DynamoDbClient db() {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("batchGetItem") && args[0] instanceof BatchGetItemRequest r) {
                        requests.add(r);
                        return answers.poll().apply(r);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}

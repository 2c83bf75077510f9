package dev.orderhub.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.ratelimit.FixedWindowLimiter.Decision;
import dev.orderhub.ratelimit.FixedWindowLimiter.Limit;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** What the counters cost and who pays: over a table that counts and refuses like DynamoDB's conditional ADD. */
class FixedWindowLimiterTest {
    private final Map<String, Integer> counts = new HashMap<>();
    private int writes;
    private final DynamoDbClient table = (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                if (!method.getName().equals("updateItem") || !(args[0] instanceof UpdateItemRequest r)) {
                    throw new UnsupportedOperationException(method.getName());
                }
                writes++;
                String key = r.key().get("pk").s() + "/" + r.key().get("sk").s();
                int limit = Integer.parseInt(r.expressionAttributeValues().get(":limit").n());
                int count = counts.getOrDefault(key, 0);
                if (count >= limit) {
                    throw ConditionalCheckFailedException.builder().message("full").build();
                }
                counts.put(key, count + 1);
                return UpdateItemResponse.builder().build();
            });
    private final FixedWindowLimiter limiter = new FixedWindowLimiter(table, "t");
    private final Instant now = Instant.parse("2026-01-01T00:00:10Z");

    private Decision request(String address) {
        return limiter.acquire(List.of(new Limit("from this address", "S#IP#" + address, 2, 60),
                new Limit("for this site", "S", 5, 60)), now);
    }

    @Test
    void anAddressOverItsLimitDoesNotSpendTheSitesBudget() {
        for (int i = 0; i < 10; i++) {
            request("a");
        }
        assertThat(counts.get("RATE#S/W#" + (now.getEpochSecond() - 10))).as("the site counted only what the address was allowed").isEqualTo(2);
        Decision refused = request("a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.refusedBy().name()).isEqualTo("from this address");
        assertThat(refused.retryAfterSeconds()).isEqualTo(50);
        assertThat(request("b").allowed()).isTrue();
    }

    @Test
    void aWindowFoundFullRefusesTheRestOfTheFloodWithoutWrites() {
        request("a");
        request("a");
        request("a");
        int afterFirstRefusal = writes;
        for (int i = 0; i < 100; i++) {
            assertThat(request("a").allowed()).isFalse();
        }
        assertThat(writes).isEqualTo(afterFirstRefusal);

        for (String address : List.of("b", "c", "d")) {
            request(address);
        }
        Decision siteFull = request("e");
        assertThat(siteFull.refusedBy().name()).isEqualTo("for this site");
        int afterSiteFull = writes;
        for (int i = 0; i < 100; i++) {
            assertThat(request("address" + i).allowed()).isFalse();
        }
        assertThat(writes).as("new addresses on a full site: refused from memory").isEqualTo(afterSiteFull);
    }

    @Test
    void aLimitRaisedWithinTheWindowIsDecidedByTheTableAgain() {
        Limit small = new Limit("for this site", "R", 1, 60);
        assertThat(limiter.acquire(List.of(small), now).allowed()).isTrue();
        assertThat(limiter.acquire(List.of(small), now).allowed()).isFalse();
        assertThat(limiter.acquire(List.of(new Limit("for this site", "R", 3, 60)), now).allowed()).isTrue();
    }

    @Test
    void theNextWindowStartsEmpty() {
        Limit one = new Limit("for this site", "N", 1, 60);
        limiter.acquire(List.of(one), now);
        assertThat(limiter.acquire(List.of(one), now).allowed()).isFalse();
        assertThat(limiter.acquire(List.of(one), now.plusSeconds(50)).allowed()).isTrue();
    }
}

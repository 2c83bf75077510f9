package dev.orderhub.local.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.delivery.TableDeliveryLog;
import dev.orderhub.json.Json;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.TestHub;
import dev.orderhub.provider.CallbackHandler;
import dev.orderhub.provider.kofi.KofiProvider;
import dev.orderhub.site.SiteCache;
import dev.orderhub.site.DynamoSiteRepository;
import dev.orderhub.site.SiteRepository;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * An anonymous sender floods one site's callback URL with refused callbacks (client ids are public:
 * they are in the callback URLs). The operator pays a bounded number of small writes per container,
 * site and minute, not one per callback; the site's log keeps the detail of the first few of each
 * minute however many containers take the flood, counts the rest, and a callback for a client id
 * that is no site writes nothing at all.
 */
class RefusedDeliveryFloodIT {
    private static final int FLOOD = 60;
    private static final int DETAILED = 10;
    private static final Set<String> WRITES = Set.of("putItem", "updateItem", "deleteItem", "batchWriteItem",
            "transactWriteItems", "executeStatement", "batchExecuteStatement", "executeTransaction");
    private final AtomicInteger writes = new AtomicInteger();
    private final List<String> writtenPartitions = new ArrayList<>();
    private DynamoDbClient counting;
    private SiteRepository sites;
    private String table;
    private String clientId;
    private String adminKey;
    /** One minute for the whole flood: the bound is per minute. */
    private final Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    /** The containers' interval clock, moved by the tests instead of waiting. */
    private final AtomicLong nanos = new AtomicLong();

    @BeforeEach
    void site() {
        LocalHub hub = TestHub.get();
        DynamoDbClient real = hub.dynamoDb();
        table = hub.tableName("HubTable");
        counting = (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (WRITES.contains(method.getName())) {
                        writes.incrementAndGet();
                        synchronized (writtenPartitions) {
                            writtenPartitions.add(method.getName() + " " + partition(args[0]));
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        sites = new DynamoSiteRepository(counting, table, new SiteCache(Duration.ofMinutes(5)), dev.orderhub.local.TestHub.stack().sealer());
        JsonNode site = TestHub.newSite("refused flood");
        clientId = site.get("clientId").asText();
        adminKey = site.get("adminKey").asText();
        assertThat(TestHub.putProvider(clientId, "kofi", adminKey, Map.of("verificationToken", "right")).status()).isEqualTo(200);
    }

    private static String partition(Object request) {
        Map<String, AttributeValue> key = request instanceof software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest u ? u.key()
                : request instanceof software.amazon.awssdk.services.dynamodb.model.PutItemRequest p ? p.item() : Map.of();
        return key.containsKey("pk") ? key.get("pk").s() : String.valueOf(request);
    }

    /** One container's handler: its own delivery log, as each Lambda container has. */
    private CallbackHandler container() {
        return new CallbackHandler(new KofiProvider(), sites, events -> { }, 192 * 1024, clock,
                new TableDeliveryLog(counting, table, DETAILED, Duration.ofSeconds(5), nanos::get));
    }

    private static int deliver(CallbackHandler handler, String site, String token) {
        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        data.put("verification_token", token);
        data.put("message_id", UUID.randomUUID().toString());
        data.put("kofi_transaction_id", UUID.randomUUID().toString());
        return handler.handle(Requests.post(site, "application/x-www-form-urlencoded",
                Requests.form("data", data.toString()), Map.of())).status();
    }

    private JsonNode listed(String query) {
        TestHub.Response r = TestHub.get("/admin/sites/" + clientId + "/deliveries?" + query, adminKey);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private List<Map<String, AttributeValue>> rawItems() {
        return TestHub.get().dynamoDb().query(QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("DELIVERY#" + clientId))).build()).items();
    }

    @Test
    void aFloodOfRefusedCallbacksCostsABoundedNumberOfSmallWritesAndKeepsTheBoundOfDetails() {
        CallbackHandler handler = container();
        deliver(handler, clientId, "wrong-warm-up"); // the site is read once; then the cache serves it
        writes.set(0);
        for (int i = 0; i < FLOOD; i++) {
            assertThat(deliver(handler, clientId, "wrong-" + i)).isEqualTo(401);
        }
        assertThat(writes.get()).as("writes for %d refused callbacks within one count interval", FLOOD)
                .isEqualTo(DETAILED);

        JsonNode page = listed("limit=200");
        assertThat(page.get("deliveries")).hasSize(DETAILED);
        assertThat(page.get("deliveries")).allMatch(d -> d.get("reason").asText().equals("INVALID_TOKEN"));
        assertThat(page.get("refusedWithoutDetail")).as("the flood shows up at once").hasSize(1);
        assertThat(page.get("refusedWithoutDetail").get(0).get("count").asLong()).isPositive();

        nanos.addAndGet(TableDeliveryLog.COUNT_EVERY.toNanos());
        assertThat(deliver(handler, clientId, "wrong-after")).isEqualTo(401);
        assertThat(writes.get()).as("one more write carries everything counted meanwhile").isEqualTo(DETAILED + 1);
        long expected = FLOOD + 2 - DETAILED;
        assertThat(listed("limit=200").get("refusedWithoutDetail").get(0).get("count").asLong()).isEqualTo(expected);
        assertThat(listed("provider=kofi&outcome=refused").get("refusedWithoutDetail").get(0).get("count").asLong())
                .isEqualTo(expected);
        assertThat(listed("provider=stripe").get("refusedWithoutDetail")).isEmpty();
        assertThat(listed("outcome=queued").get("refusedWithoutDetail")).isEmpty();

        List<Map<String, AttributeValue>> items = rawItems();
        assertThat(items).as("one item for the minute").hasSize(1);
        assertThat(ItemSize.of(items.get(0))).as("bytes of the minute's item: every write of it one write unit")
                .isLessThanOrEqualTo(1024);
    }

    @Test
    void manyContainersTogetherKeepTheBound() {
        List<CallbackHandler> containers = List.of(container(), container(), container());
        for (int i = 0; i < FLOOD; i++) {
            assertThat(deliver(containers.get(i % containers.size()), clientId, "wrong-" + i)).isEqualTo(401);
        }
        // Each container may write one detail into a slot another filled first, and one first count.
        assertThat(writes.get()).as("writes of three containers for %d refused callbacks", FLOOD)
                .isLessThanOrEqualTo(DETAILED + 2 * containers.size());
        nanos.addAndGet(TableDeliveryLog.COUNT_EVERY.toNanos());
        for (CallbackHandler c : containers) {
            assertThat(deliver(c, clientId, "wrong-after")).isEqualTo(401);
        }
        JsonNode page = listed("limit=200");
        assertThat(page.get("deliveries").size()).isBetween(1, DETAILED);
        long counted = page.get("refusedWithoutDetail").get(0).get("count").asLong();
        assertThat(page.get("deliveries").size() + counted).as("every refused callback detailed or counted")
                .isEqualTo(FLOOD + containers.size());
    }

    @Test
    void acceptedCallbacksCostOneWriteEach() {
        CallbackHandler handler = container();
        deliver(handler, clientId, "right");
        writes.set(0);
        for (int i = 0; i < 5; i++) {
            assertThat(deliver(handler, clientId, "right")).isEqualTo(200);
        }
        assertThat(writes.get()).isEqualTo(5);
        assertThat(listed("outcome=queued").get("deliveries")).hasSize(6);
    }

    @Test
    void callbacksForAClientIdThatIsNoSiteWriteNothing() {
        CallbackHandler handler = container();
        String unknown = "site_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        for (int i = 0; i < 20; i++) {
            assertThat(deliver(handler, unknown, "any")).isEqualTo(404);
            assertThat(handler.handle(Requests.post(unknown, "text/plain", "x", Map.of())).status()).isEqualTo(415);
            assertThat(handler.handle(Requests.post(unknown, "application/x-www-form-urlencoded",
                    "x".repeat(200 * 1024), Map.of())).status()).isEqualTo(413);
        }
        assertThat(deliver(handler, "not a site id", "any")).isEqualTo(404);
        assertThat(writes.get()).as("writes for callbacks to no site: %s",
                writtenPartitions.subList(0, Math.min(3, writtenPartitions.size()))).isZero();
    }

    /** DynamoDB's item size: names and values in UTF-8, numbers about a byte per two digits, a few bytes per map. */
    static final class ItemSize {
        static int of(Map<String, AttributeValue> item) {
            int size = 0;
            for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
                size += e.getKey().getBytes(StandardCharsets.UTF_8).length + of(e.getValue());
            }
            return size;
        }

        static int of(AttributeValue v) {
            if (v.s() != null) {
                return v.s().getBytes(StandardCharsets.UTF_8).length;
            }
            if (v.n() != null) {
                return (v.n().length() + 1) / 2 + 1;
            }
            if (v.hasM()) {
                return 3 + of(v.m()) + v.m().size();
            }
            return 1;
        }
    }
}

package dev.orderhub.local.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.event.PaymentEvent;
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
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The callback path with the per-container site cache on (as on Lambda; the other tests turn it
 * off), over the DynamoDB stand-in: a warm container reads a site once, and the cache never
 * refuses a callback the table would accept.
 */
class CachedSiteCallbackIT {
    /** A refusal reads the site again only when what is remembered is over a second old. */
    private static final long READ_AGAIN_AFTER_MS = 1_100;
    private final AtomicInteger siteReads = new AtomicInteger();
    private final List<PaymentEvent> queued = new CopyOnWriteArrayList<>();
    private CallbackHandler handler;
    private String clientId;
    private String adminKey;

    @BeforeEach
    void warmContainer() {
        LocalHub hub = TestHub.get();
        DynamoDbClient real = hub.dynamoDb();
        // Counts the site reads this handler makes; everything else goes to the stand-in.
        DynamoDbClient counting = (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("query")) {
                        siteReads.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        SiteRepository sites = new DynamoSiteRepository(counting, hub.tableName("HubTable"), new SiteCache(Duration.ofMinutes(5)),
                dev.orderhub.local.TestHub.stack().sealer());
        handler = new CallbackHandler(new KofiProvider(), sites, queued::addAll, 192 * 1024, Clock.systemUTC());
        JsonNode site = TestHub.newSite("cached site");
        clientId = site.get("clientId").asText();
        adminKey = site.get("adminKey").asText();
    }

    private void configure(String token) {
        assertThat(TestHub.putProvider(clientId, "kofi", adminKey, Map.of("verificationToken", token)).status()).isEqualTo(200);
    }

    private int deliver(String token) {
        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        data.put("verification_token", token);
        data.put("message_id", UUID.randomUUID().toString());
        data.put("kofi_transaction_id", UUID.randomUUID().toString());
        return handler.handle(Requests.post(clientId, "application/x-www-form-urlencoded",
                Requests.form("data", data.toString()), Map.of())).status();
    }

    @Test
    void aWarmContainerReadsTheSiteOnce() {
        configure("token-1");
        for (int i = 0; i < 5; i++) {
            assertThat(deliver("token-1")).isEqualTo(200);
        }
        assertThat(siteReads).hasValue(1);
        assertThat(queued).hasSize(5);
    }

    @Test
    void aProviderConfiguredAfterARefusalIsSeenWithinASecond() throws InterruptedException {
        assertThat(deliver("token-1")).as("no Ko-fi config yet").isEqualTo(404);
        configure("token-1");
        Thread.sleep(READ_AGAIN_AFTER_MS);
        assertThat(deliver("token-1")).isEqualTo(200);
    }

    @Test
    void aNewTokenIsAcceptedWithinASecondAndTheOldOneOnlyUntilTheCacheIsRefreshed() throws InterruptedException {
        configure("token-1");
        assertThat(deliver("token-1")).isEqualTo(200);
        configure("token-2");
        Thread.sleep(READ_AGAIN_AFTER_MS);
        assertThat(deliver("token-2")).as("a refusal reads the table again first").isEqualTo(200);
        assertThat(deliver("token-1")).as("the table's config now, not the remembered one").isEqualTo(401);
        assertThat(deliver("wrong")).isEqualTo(401);
        assertThat(queued).hasSize(2);
    }

    @Test
    void aCallbackForADisabledSiteIsAcceptedOnlyFromMemoryAndRefusedOnceRead() throws InterruptedException {
        configure("token-1");
        assertThat(deliver("token-1")).isEqualTo(200);
        assertThat(TestHub.send("PATCH", "/admin/sites/" + clientId, "application/json", "{\"status\":\"disabled\"}",
                Map.of("authorization", "Bearer " + adminKey)).status()).isEqualTo(200);
        // The documented delay: until this container reads the site again (SITE_CACHE_SECONDS).
        assertThat(deliver("token-1")).isEqualTo(200);
        Thread.sleep(READ_AGAIN_AFTER_MS);
        assertThat(deliver("wrong")).as("a refusal reads again, and the site is now disabled").isEqualTo(404);
        assertThat(deliver("token-1")).as("and the fresh read is remembered").isEqualTo(404);
    }
}

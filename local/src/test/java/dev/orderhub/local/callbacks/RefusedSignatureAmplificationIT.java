package dev.orderhub.local.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An anonymous caller sends callbacks with wrong signatures (or for a provider the site does not
 * use) as fast as it can. Before refusing, the handler reads the site's config again in case a
 * secret was just added; without a bound, every such request costs a table read on top of its own,
 * a free amplifier against the table. At most one such forced read per site per second.
 */
class RefusedSignatureAmplificationIT {
    private static final int ATTEMPTS = 60;
    private final AtomicInteger siteReads = new AtomicInteger();
    private CallbackHandler handler;
    private String clientId;
    private String adminKey;

    @BeforeEach
    void warmContainer() {
        LocalHub hub = TestHub.get();
        DynamoDbClient real = hub.dynamoDb();
        DynamoDbClient counting = (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("query")) {
                        siteReads.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        SiteRepository sites = new DynamoSiteRepository(counting, hub.tableName("HubTable"), new SiteCache(Duration.ofMinutes(5)),
                dev.orderhub.local.TestHub.stack().sealer());
        handler = new CallbackHandler(new KofiProvider(), sites, events -> { }, 192 * 1024, Clock.systemUTC());
        JsonNode site = TestHub.newSite("refused signatures");
        clientId = site.get("clientId").asText();
        adminKey = site.get("adminKey").asText();
    }

    private int deliver(String token) {
        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        data.put("verification_token", token);
        data.put("message_id", UUID.randomUUID().toString());
        data.put("kofi_transaction_id", UUID.randomUUID().toString());
        return handler.handle(Requests.post(clientId, "application/x-www-form-urlencoded",
                Requests.form("data", data.toString()), Map.of())).status();
    }

    /** Reads allowed in {@code elapsed}: the first one, plus one forced read per started second. */
    private static long bound(long startedNanos) {
        long seconds = Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
        return 1 + seconds + 1;
    }

    @Test
    void aFloodOfWrongSignaturesCostsAtMostOneForcedSiteReadPerSecond() {
        assertThat(TestHub.putProvider(clientId, "kofi", adminKey, Map.of("verificationToken", "right")).status()).isEqualTo(200);
        long started = System.nanoTime();
        for (int i = 0; i < ATTEMPTS; i++) {
            assertThat(deliver("wrong-" + i)).isEqualTo(401);
        }
        assertThat((long) siteReads.get()).as("site reads for %d refused callbacks", ATTEMPTS).isLessThanOrEqualTo(bound(started));
    }

    @Test
    void aFloodForAProviderTheSiteDoesNotUseCostsAtMostOneForcedSiteReadPerSecond() {
        long started = System.nanoTime();
        for (int i = 0; i < ATTEMPTS; i++) {
            assertThat(deliver("any")).isEqualTo(404);
        }
        assertThat((long) siteReads.get()).isLessThanOrEqualTo(bound(started));
    }

    @Test
    void aSecretAddedDuringTheFloodIsAcceptedWithinASecond() throws InterruptedException {
        assertThat(TestHub.putProvider(clientId, "kofi", adminKey, Map.of("verificationToken", "old")).status()).isEqualTo(200);
        for (int i = 0; i < 10; i++) {
            assertThat(deliver("wrong-" + i)).isEqualTo(401);
        }
        assertThat(TestHub.putProvider(clientId, "kofi", adminKey, Map.of("verificationToken", "new")).status()).isEqualTo(200);
        Thread.sleep(1_100);
        assertThat(deliver("new")).isEqualTo(200);
    }
}

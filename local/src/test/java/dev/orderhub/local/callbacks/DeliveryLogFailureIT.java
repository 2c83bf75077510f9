package dev.orderhub.local.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.delivery.TableDeliveryLog;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.TestHub;
import dev.orderhub.provider.CallbackHandler;
import dev.orderhub.provider.kofi.KofiProvider;
import dev.orderhub.site.SiteRepository;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.lang.reflect.InvocationTargetException;
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
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * The delivery log is the seller's view, not part of accepting a payment: when its write fails
 * the callback is answered exactly as without it, the event is queued, and the log stops trying
 * for a few seconds so that a table in trouble does not cost every callback a failed write.
 */
class DeliveryLogFailureIT {
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<PaymentEvent> queued = new CopyOnWriteArrayList<>();
    private CallbackHandler handler;
    private String clientId;

    @BeforeEach
    void siteWhoseLogCannotBeWritten() {
        LocalHub hub = TestHub.get();
        DynamoDbClient real = hub.dynamoDb();
        DynamoDbClient failingWrites = (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("putItem") || method.getName().equals("updateItem")) {
                        attempts.incrementAndGet();
                        throw ProvisionedThroughputExceededException.builder().message("throttled").build();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        SiteRepository sites = dev.orderhub.local.TestHub.stack().sites();
        handler = new CallbackHandler(new KofiProvider(), sites, queued::addAll, 192 * 1024, Clock.systemUTC(),
                new TableDeliveryLog(failingWrites, hub.tableName("HubTable"), 10, Duration.ofSeconds(1)));
        JsonNode site = TestHub.newSite("log cannot be written");
        clientId = site.get("clientId").asText();
        assertThat(TestHub.putProvider(clientId, "kofi", site.get("adminKey").asText(), Map.of("verificationToken", "right"))
                .status()).isEqualTo(200);
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
    void aFailedLogWriteChangesNoAnswerAndPausesTheLog() {
        assertThat(deliver("right")).isEqualTo(200);
        assertThat(queued).hasSize(1);
        assertThat(attempts.get()).as("the log was tried").isEqualTo(1);
        assertThat(deliver("wrong")).isEqualTo(401);
        assertThat(deliver("right")).isEqualTo(200);
        assertThat(queued).hasSize(2);
        assertThat(attempts.get()).as("no write tried during the pause after a failure").isEqualTo(1);
    }
}

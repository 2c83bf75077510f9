package dev.orderhub.local.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.json.Json;
import dev.orderhub.local.TestHub;
import dev.orderhub.provider.CallbackDecision;
import dev.orderhub.provider.CallbackHandler;
import dev.orderhub.provider.Provider;
import dev.orderhub.provider.kofi.KofiProvider;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The secrets a provider declares its callback bodies carry ({@link Provider#bodySecretFields()}, the list the
 * registry also gives the dead-letter view) are taken out of every event by the callback pipeline before it is
 * queued, whatever the provider's normalizer remembered to remove: the pipeline, not each normalizer, keeps
 * them out of the queue and the order's history.
 */
class CallbackBodySecretsIT {
    private static final String TOKEN = "token-" + UUID.randomUUID();

    /** Ko-fi as it would be with a normalizer that forgot the token: each event keeps Ko-fi's JSON as it came. */
    private static final class ForgetfulKofi implements Provider {
        private final KofiProvider kofi = new KofiProvider();

        @Override
        public String id() {
            return kofi.id();
        }

        @Override
        public Set<String> secretNames() {
            return kofi.secretNames();
        }

        @Override
        public Set<String> bodySecretFields() {
            return kofi.bodySecretFields();
        }

        @Override
        public Set<String> mediaTypes() {
            return kofi.mediaTypes();
        }

        @Override
        public CallbackDecision verifyAndNormalize(HttpRequest request, ProviderConfig config, String clientId, Instant now) {
            String asItCame = request.formFields().get("data");
            return CallbackDecision.enqueue(kofi.verifyAndNormalize(request, config, clientId, now).events().stream()
                    .map(e -> {
                        ObjectNode json = Json.MAPPER.valueToTree(e);
                        json.put("raw", asItCame);
                        return Json.MAPPER.convertValue(json, PaymentEvent.class);
                    }).toList());
        }
    }

    @Test
    void aDeclaredBodySecretIsNeverQueuedEvenWhenTheNormalizerKeepsIt() {
        JsonNode site = TestHub.newSite("body secrets");
        String clientId = site.get("clientId").asText();
        assertThat(TestHub.putProvider(clientId, "kofi", site.get("adminKey").asText(), Map.of("verificationToken", TOKEN))
                .status()).isEqualTo(200);
        List<PaymentEvent> queued = new CopyOnWriteArrayList<>();
        CallbackHandler handler = new CallbackHandler(new ForgetfulKofi(), TestHub.stack().sites(), queued::addAll, 192 * 1024,
                Clock.systemUTC());
        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        data.put("verification_token", TOKEN);
        String transactionId = UUID.randomUUID().toString();
        data.put("kofi_transaction_id", transactionId);

        int status = handler.handle(Requests.post(clientId, "application/x-www-form-urlencoded",
                Requests.form("data", data.toString()), Map.of())).status();

        assertThat(status).isEqualTo(200);
        assertThat(queued).hasSize(1);
        String raw = queued.get(0).raw();
        assertThat(raw).doesNotContain(TOKEN).doesNotContain("verification_token");
        assertThat(Json.parse(raw).get("kofi_transaction_id").asText()).as("the rest of the body is kept").isEqualTo(transactionId);
    }

    /**
     * Only the provider's own secret field leaves the body: what the buyer typed (here a Ko-fi message that
     * reads like a form or like JSON naming the secret field) reaches the queue, and so the order's history,
     * exactly as the buyer wrote it.
     */
    @Test
    void aBuyersTextReachesTheQueueAsTheBuyerWroteIt() {
        JsonNode site = TestHub.newSite("buyer text");
        String clientId = site.get("clientId").asText();
        assertThat(TestHub.putProvider(clientId, "kofi", site.get("adminKey").asText(), Map.of("verificationToken", TOKEN))
                .status()).isEqualTo(200);
        List<PaymentEvent> queued = new CopyOnWriteArrayList<>();
        CallbackHandler handler = new CallbackHandler(new KofiProvider(), TestHub.stack().sites(), queued::addAll, 192 * 1024,
                Clock.systemUTC());
        List<String> messages = List.of("verification_token=keep this line & thanks",
                "{\"verification_token\":\"my words\",\"note\":\"hi\"}");
        for (String message : messages) {
            ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
            data.put("verification_token", TOKEN);
            data.put("kofi_transaction_id", UUID.randomUUID().toString());
            data.put("message", message);

            int status = handler.handle(Requests.post(clientId, "application/x-www-form-urlencoded",
                    Requests.form("data", data.toString()), Map.of())).status();

            assertThat(status).isEqualTo(200);
        }
        assertThat(queued).hasSize(2);
        for (int i = 0; i < messages.size(); i++) {
            String raw = queued.get(i).raw();
            assertThat(raw).doesNotContain(TOKEN);
            assertThat(Json.parse(raw).get("message").asText()).as("the buyer's message").isEqualTo(messages.get(i));
        }
    }
}

package dev.orderhub.local.callbacks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.TestHub;
import dev.orderhub.provider.CallbackHandler;
import dev.orderhub.provider.kofi.KofiProvider;
import dev.orderhub.sealing.KmsJsonClient;
import dev.orderhub.sealing.KmsSealer;
import dev.orderhub.site.DynamoSiteRepository;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.site.SiteRepository;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * A site's callback secret is sealed under KMS, and KMS fails while a callback arrives: the secret
 * cannot be opened now, which says nothing about the callback. It is answered 503 (never a 4xx,
 * which the provider would not deliver again, nor the 500 of a defect of the hub), nothing is
 * queued, and once KMS answers again the same delivery is accepted.
 */
class KeyServiceOutageCallbackIT {
    private static final String KEY_ARN = "arn:aws:kms:eu-central-1:111122223333:key/outage";
    private static final String BLOB = Base64.getEncoder().encodeToString("data-key-blob".getBytes());
    private static final String DATA_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private final List<PaymentEvent> queued = new CopyOnWriteArrayList<>();
    private WireMockServer kms;
    private CallbackHandler handler;
    private String clientId;

    @BeforeEach
    void siteSealedUnderKms() {
        kms = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        kms.start();
        kms.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.GenerateDataKey"))
                .willReturn(okJson(Json.write(Map.of("CiphertextBlob", BLOB, "KeyId", KEY_ARN, "Plaintext", DATA_KEY)))));
        KmsJsonClient client = new KmsJsonClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(5)).build(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), "eu-central-1",
                URI.create(kms.baseUrl()));
        LocalHub hub = TestHub.get();
        SiteRepository sites = new DynamoSiteRepository(hub.dynamoDb(), hub.tableName("HubTable"), new KmsSealer(client, KEY_ARN));
        clientId = sites.create("key service outage").clientId();
        sites.putConfig(clientId, new ProviderConfig("kofi", Map.of("verificationToken", "right"), Map.of(), Map.of(), null));
        handler = new CallbackHandler(new KofiProvider(), sites, queued::addAll, 192 * 1024, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        kms.stop();
    }

    private int deliver(String body) {
        return handler.handle(Requests.post(clientId, "application/x-www-form-urlencoded", body, Map.of())).status();
    }

    @Test
    void aCallbackWhoseSecretCannotBeOpenedNowIsAnswered503AndAcceptedWhenKmsIsBack() {
        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        data.put("verification_token", "right");
        data.put("message_id", UUID.randomUUID().toString());
        data.put("kofi_transaction_id", UUID.randomUUID().toString());
        String body = Requests.form("data", data.toString());

        kms.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.Decrypt"))
                .willReturn(aResponse().withStatus(500).withBody("{\"__type\":\"KMSInternalException\"}")));
        assertThat(deliver(body)).as("KMS failing: the provider is asked to deliver again").isEqualTo(503);
        assertThat(queued).as("nothing queued while the secret could not be opened").isEmpty();

        kms.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.Decrypt"))
                .willReturn(okJson(Json.write(Map.of("KeyId", KEY_ARN, "Plaintext", DATA_KEY)))));
        assertThat(deliver(body)).as("the same delivery once KMS answers").isEqualTo(200);
        assertThat(queued).hasSize(1);
    }
}

package dev.orderhub.workflow.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.orderhub.http.outbound.HostResolver;
import dev.orderhub.http.outbound.OutboundAddresses;
import dev.orderhub.provider.api.ApiHttp;
import dev.orderhub.provider.stripe.StripePaymentActions;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.orderhub.workflow.WebhookSecrets;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outgoing webhooks and Stripe calls against WireMock: signature, retries, idempotency key, refusals. */
class WebhookSenderTest {
    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    private final ApiHttp http = new ApiHttp(new ApiHttp.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2), 3,
            Duration.ofMillis(1), Duration.ofSeconds(1)), d -> { }, OutboundAddresses.withLoopback(HostResolver.SYSTEM));
    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_767_225_600), ZoneOffset.UTC);

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void theBodyIsSignedWithTheTimestampAndA5xxIsRetriedWithTheSameDeliveryId() {
        server.stubFor(post(urlEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        server.stubFor(post(urlEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(204)));
        String body = "{\"runId\":\"run_1\"}";
        String result = new WebhookSender(http, clock).send(URI.create(server.baseUrl() + "/hook"), body, "whsk_secret", "run_1-then-0");
        assertThat(result).contains("HTTP 204");
        String expected = WebhookSender.signature("whsk_secret", 1_767_225_600L, body);
        // Computed independently: printf '1767225600.{"runId":"run_1"}' | openssl dgst -sha256 -hmac whsk_secret
        assertThat(expected).isEqualTo("v1=a85b1f3319052ebc1f2bf7acbe2acdc5d686c41ffd2c4a5b47eacf0313f83fb6");
        server.verify(2, postRequestedFor(urlEqualTo("/hook"))
                .withHeader(WebhookSender.TIMESTAMP, equalTo("1767225600"))
                .withHeader(WebhookSender.SIGNATURE, equalTo(expected))
                .withHeader(WebhookSender.DELIVERY, equalTo("run_1-then-0"))
                .withRequestBody(equalTo(body)));
    }

    /**
     * The Standard Webhooks reference algorithm, written here from the specification and not from
     * the sender: the key is the base64 after "whsec_", the signed content "id.timestamp.body", the
     * header a space-separated list of "v1,<base64 HMAC-SHA256>", any one of which may match.
     */
    private static boolean standardWebhooksVerify(String secret, String id, String timestamp, String body, String header)
            throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        for (String candidate : header.split(" ")) {
            if (candidate.startsWith("v1,")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(candidate.substring(3)))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theSignatureMatchesTheStandardWebhooksTestVector() throws Exception {
        // The test "sign function works" of the Standard Webhooks reference library,
        // github.com/standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts.
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String body = "{\"test\": 2432232314}";
        String signature = WebhookSender.standardSignature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body);
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertThat(standardWebhooksVerify(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", body, signature)).isTrue();
    }

    @Test
    void aDeliveryCarriesStandardWebhooksHeadersThatAReceiverVerifiesAndTheSameIdOnARetry() throws Exception {
        server.stubFor(post(urlEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        server.stubFor(post(urlEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(204)));
        String secret = WebhookSecrets.newSecret();
        String body = "{\"runId\":\"run_7\",\"note\":\"caf\u00e9\"}";
        new WebhookSender(http, clock).send(URI.create(server.baseUrl() + "/hook"), body, secret, "run_7-then-0");
        List<LoggedRequest> sent = server.findAll(postRequestedFor(urlEqualTo("/hook")));
        assertThat(sent).hasSize(2);
        for (LoggedRequest r : sent) {
            assertThat(r.getHeader("webhook-id")).isEqualTo("run_7-then-0");
            assertThat(r.getHeader("webhook-timestamp")).isEqualTo("1767225600");
            assertThat(standardWebhooksVerify(secret, r.getHeader("webhook-id"), r.getHeader("webhook-timestamp"),
                    r.getBodyAsString(), r.getHeader("webhook-signature"))).isTrue();
            // Any other secret, body or id does not verify.
            assertThat(standardWebhooksVerify(WebhookSecrets.newSecret(), "run_7-then-0", "1767225600", r.getBodyAsString(),
                    r.getHeader("webhook-signature"))).isFalse();
            assertThat(standardWebhooksVerify(secret, "run_7-then-1", "1767225600", r.getBodyAsString(),
                    r.getHeader("webhook-signature"))).isFalse();
        }
    }

    @Test
    void aNewSecretIsWhsecAndThirtyTwoRandomBytes() {
        String a = WebhookSecrets.newSecret();
        assertThat(a).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(Base64.getDecoder().decode(a.substring(6))).hasSize(32);
        assertThat(WebhookSecrets.newSecret()).isNotEqualTo(a);
    }

    @Test
    void aSecretMadeBeforeStandardWebhooksSignsAsItsWhsecForm() throws Exception {
        // Secrets made before were "whsk_…" and keyed the HMAC with their characters: the same key,
        // written the Standard Webhooks way, is "whsec_" + base64 of those characters.
        String old = "whsk_abcdefghijkmnpqrstuvwxyz23456789abcdefgh";
        String signature = WebhookSender.standardSignature(old, "run_1-then-0", 1767225600L, "{}");
        String whsec = "whsec_" + Base64.getEncoder().encodeToString(old.getBytes(StandardCharsets.UTF_8));
        assertThat(standardWebhooksVerify(whsec, "run_1-then-0", "1767225600", "{}", signature)).isTrue();
    }

    @Test
    void theDocumentedExampleSignsAsDocumented() throws Exception {
        // docs/workflows.md "Webhook signatures" and openapi.yaml WebhookBody give this example; checked independently with
        // printf '%s' 'run_k2m8x4-then-0.1767225600.{"runId":"run_k2m8x4"}' \
        //   | openssl dgst -sha256 -mac HMAC -macopt hexkey:$(printf '%s' 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=' | base64 -d | xxd -p -c 64) -binary | base64
        String secret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
        String body = "{\"runId\":\"run_k2m8x4\"}";
        String signature = WebhookSender.standardSignature(secret, "run_k2m8x4-then-0", 1767225600L, body);
        assertThat(signature).isEqualTo(DOCUMENTED_SIGNATURE);
        assertThat(standardWebhooksVerify(secret, "run_k2m8x4-then-0", "1767225600", body, signature)).isTrue();
    }

    private static final String DOCUMENTED_SIGNATURE = "v1,b7gWeK7Dhr5jurMv6IcoCJVDMTVhTF4YYe93As9sAcM=";

    @Test
    void aRefusalIsPermanentAndAnOutageIsNot() {
        server.stubFor(post(urlEqualTo("/v1/payment_intents/pi_1/capture")).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":{\"code\":\"payment_intent_unexpected_state\"}}")));
        server.stubFor(post(urlEqualTo("/v1/payment_intents/pi_2/capture")).willReturn(aResponse().withStatus(500)));
        StripePaymentActions stripe = new StripePaymentActions(http, URI.create(server.baseUrl()));
        assertThat(catchThrowableOfType(ActionFailed.class, () -> stripe.capture("pi_1", "sk_test", "k1")).permanent()).isTrue();
        assertThat(catchThrowableOfType(ActionFailed.class, () -> stripe.capture("pi_2", "sk_test", "k2")).permanent()).isFalse();
        server.verify(http.settings().maxAttempts(), postRequestedFor(urlEqualTo("/v1/payment_intents/pi_2/capture"))
                .withHeader("idempotency-key", equalTo("k2")));
        assertThat(catchThrowableOfType(ActionFailed.class, () -> stripe.capture("ch_1", "sk_test", "k3")).permanent()).isTrue();
        assertThat(catchThrowableOfType(ActionFailed.class, () -> stripe.capture("pi_3", null, "k4")).permanent()).isTrue();
    }

    @Test
    void aConflictOnTheIdempotencyKeyIsRetriedWithTheSameKeyAndIsOneCapture() {
        // Stripe answers 409 while a request with the same Idempotency-Key is still running.
        server.stubFor(post(urlEqualTo("/v1/payment_intents/pi_9/capture")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(409).withBody("{\"error\":{\"type\":\"idempotency_error\"}}"))
                .willSetStateTo("done"));
        server.stubFor(post(urlEqualTo("/v1/payment_intents/pi_9/capture")).inScenario("busy").whenScenarioStateIs("done")
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"pi_9\",\"status\":\"succeeded\"}")));
        String result = new StripePaymentActions(http, URI.create(server.baseUrl())).capture("pi_9", "sk_test", "run_9-a0");
        assertThat(result).isEqualTo("stripe payment intent pi_9 succeeded");
        server.verify(2, postRequestedFor(urlEqualTo("/v1/payment_intents/pi_9/capture"))
                .withHeader("idempotency-key", equalTo("run_9-a0")));
    }
}

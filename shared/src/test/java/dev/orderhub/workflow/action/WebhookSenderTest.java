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
import java.net.URI;
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

package dev.orderhub.provider.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import dev.orderhub.provider.api.ApiTesting;
import dev.orderhub.provider.api.Lookup;
import dev.orderhub.provider.api.ProviderApiException;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.testing.Samples;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Stripe look-up against WireMock serving Stripe's documented PaymentIntent objects: the
 * {@code data.object} of the payment_intent.* samples (samples/stripe, see SOURCES.md), which is
 * what {@code GET /v1/payment_intents/{id}} returns.
 */
class StripeApiClientTest {
    private static final String PI = "pi_000000000000000000000000";
    private static final String PATH = "/v1/payment_intents/" + PI;
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final ProviderConfig CONFIG = new ProviderConfig("stripe",
            Map.of(StripeProvider.WEBHOOK_SECRET, "whsec_x", StripeProvider.API_KEY, "rk_test_reconcile_key"), null, null, null);

    private WireMockServer server;
    private ApiTesting api;
    private StripeApiClient client;

    @BeforeEach
    void start() {
        server = ApiTesting.server();
        api = new ApiTesting(Duration.ofMillis(500));
        client = new StripeApiClient(api.http, URI.create(server.baseUrl()));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    static String intent(String sample) {
        return Json.parse(Samples.read("stripe/" + sample)).path("data").path("object").toString();
    }

    private Lookup lookup() {
        return client.lookup(ApiTesting.pendingOrder("stripe", PI, "2026-03-01T11:00:00Z", null), CONFIG, NOW);
    }

    @Test
    void aSucceededIntentIsThePaymentTheWebhookWouldHaveReported() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(intent("payment_intent.succeeded.json"))));

        Lookup l = lookup();

        assertThat(l.outcome()).isEqualTo(Lookup.Outcome.ANSWERED);
        assertThat(l.providerStatus()).isEqualTo("succeeded");
        PaymentEvent e = l.events().get(0);
        assertThat(e.eventId()).isEqualTo("reconcile:stripe:" + PI + ":succeeded");
        assertThat(e.kind()).isEqualTo(EventKind.PAYMENT_SUCCEEDED);
        assertThat(e.orderRef()).isEqualTo(PI);
        assertThat(e.clientId()).isEqualTo("site_api");
        assertThat(e.amount()).isEqualTo(Money.ofMinor(2000, "USD"));
        assertThat(e.test()).isTrue(); // livemode false
        assertThat(e.raw()).doesNotContain("client_secret");
        server.verify(1, getRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer rk_test_reconcile_key")));
    }

    @Test
    void theSameAnswerTwiceHasTheSameEventId() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(intent("payment_intent.succeeded.json"))));
        assertThat(lookup().events().get(0).eventId()).isEqualTo(lookup().events().get(0).eventId());
    }

    @Test
    void canceledAndFailedIntentsMapAsTheirEvents() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(intent("payment_intent.canceled.json"))));
        assertThat(lookup().events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.PAYMENT_CANCELED);
            assertThat(e.eventId()).endsWith(":canceled");
        });
        server.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(intent("payment_intent.payment_failed.json"))));
        assertThat(lookup().events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.PAYMENT_FAILED);
            assertThat(e.eventId()).endsWith(":requires_payment_method");
        });
    }

    @Test
    void anIntentAwaitingCaptureIsStillOpen() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(intent("payment_intent.amount_capturable_updated.json"))));
        Lookup l = lookup();
        assertThat(l.providerStatus()).isEqualTo("requires_capture");
        assertThat(l.events()).isEmpty();
    }

    @Test
    void a500IsRetriedWithBackoffUntilTheAnswerComes() {
        server.stubFor(get(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
        server.stubFor(get(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(intent("payment_intent.succeeded.json"))));

        assertThat(lookup().events()).hasSize(1);
        server.verify(2, getRequestedFor(urlEqualTo(PATH)));
        assertThat(api.waits).singleElement().satisfies(w -> assertThat(w).isBetween(Duration.ofMillis(50), Duration.ofMillis(100)));
    }

    @Test
    void a429WaitsWhatRetryAfterAsks() {
        server.stubFor(get(urlEqualTo(PATH)).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")).willSetStateTo("free"));
        server.stubFor(get(urlEqualTo(PATH)).inScenario("limited").whenScenarioStateIs("free")
                .willReturn(okJson(intent("payment_intent.succeeded.json"))));

        assertThat(lookup().events()).hasSize(1);
        assertThat(api.waits).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void aRetryAfterBeyondTheBoundEndsTheLookupAtOnce() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        assertThatThrownBy(this::lookup).isInstanceOf(ProviderApiException.class).hasMessageContaining("rate limited");
        server.verify(1, getRequestedFor(urlEqualTo(PATH)));
        assertThat(api.waits).isEmpty();
    }

    @Test
    void aProviderThatKeepsFailingIsTriedFourTimesWithGrowingWaits() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(this::lookup).isInstanceOf(ProviderApiException.class)
                .hasMessageContaining("no answer after 4 attempts (HTTP 503)")
                .hasMessageNotContaining("rk_test");
        server.verify(4, getRequestedFor(urlEqualTo(PATH)));
        assertThat(api.waits).hasSize(3);
        assertThat(api.waits.get(2)).isGreaterThanOrEqualTo(Duration.ofMillis(200)); // 100 ms × 2², jittered down to half at most
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(intent("payment_intent.succeeded.json")).withFixedDelay(2000)));
        assertThatThrownBy(this::lookup).isInstanceOf(ProviderApiException.class)
                .hasMessageContaining("no answer after 4 attempts (no answer)");
        server.verify(4, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void anUnknownIntentIsNotFoundAndASiteWithoutKeyIsNotAsked() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404).withBody("{\"error\":{}}")));
        assertThat(lookup().outcome()).isEqualTo(Lookup.Outcome.NOT_FOUND);

        Order order = ApiTesting.pendingOrder("stripe", PI, "2026-03-01T11:00:00Z", null);
        Lookup l = client.lookup(order, new ProviderConfig("stripe", Map.of(StripeProvider.WEBHOOK_SECRET, "whsec_x"),
                null, null, null), NOW);
        assertThat(l.outcome()).isEqualTo(Lookup.Outcome.NOT_CONFIGURED);
        assertThat(l.providerStatus()).isEqualTo("secret apiKey");
        server.verify(1, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void refusedCredentialsAreAFailureNotAnAnswer() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(401)));
        assertThatThrownBy(this::lookup).isInstanceOf(ProviderApiException.class).hasMessageContaining("HTTP 401");
        server.verify(1, getRequestedFor(urlEqualTo(PATH)));
    }
}

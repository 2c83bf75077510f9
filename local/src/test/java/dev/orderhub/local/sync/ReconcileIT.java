package dev.orderhub.local.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.orderhub.json.Json;
import dev.orderhub.local.TestHub;
import dev.orderhub.local.orders.OrderCommitIT;
import dev.orderhub.provider.api.ApiHttp;
import dev.orderhub.provider.stripe.StripeApiClient;
import dev.orderhub.provider.stripe.StripeSignature;
import dev.orderhub.reconcile.Reconciler;
import dev.orderhub.testing.Samples;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation over the local stack: a Stripe order left pending by its callbacks, the
 * reconciler asking Stripe's API (WireMock serving Stripe's documented PaymentIntent objects, the
 * {@code data.object} of samples/stripe/payment_intent.*.json) and its answer going through the
 * events queue and the payment-events function like a callback. The reconciler runs with a clock the test moves
 * forward, so that look-ups fall due without waiting 15 minutes.
 */
public class ReconcileIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private WireMockServer stripe;
    private String clientId;
    private String adminKey;
    private String secret;
    private String pi;
    private Instant now;

    @BeforeEach
    void setUp() {
        TestHub.get();
        stripe = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        stripe.start();
        JsonNode site = TestHub.newSite("Reconcile test site");
        clientId = site.get("clientId").asText();
        adminKey = site.get("adminKey").asText();
        secret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
        TestHub.Response r = TestHub.putProvider(clientId, "stripe", adminKey,
                Map.of("webhookSecret", secret, "apiKey", "rk_test_reconcile_" + UUID.randomUUID()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("rk_test_reconcile_");
        // Each test's own PaymentIntent, so that the WireMock counts are about this test's order only.
        pi = "pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        now = Instant.now();
    }

    @AfterEach
    void stop() {
        stripe.stop();
    }

    /** A reconciler over the stack's table and queue, asking the WireMock "Stripe", at the test's clock. */
    private Reconciler.Summary runReconciler() {
        dev.orderhub.runtime.Stack hub = TestHub.stack();
        ApiHttp http = new ApiHttp(new ApiHttp.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2), 4,
                Duration.ofMillis(10), Duration.ofSeconds(5)), d -> { },
                dev.orderhub.http.outbound.OutboundAddresses.fromConfiguration(hub.config()));
        Reconciler reconciler = new Reconciler(hub.orders(), hub.orderCommit(), hub.sites(), hub.eventQueue(),
                List.of(new StripeApiClient(http, URI.create(stripe.baseUrl()))), hub.reconcilePolicy(), Clock.fixed(now, ZoneOffset.UTC),
                dev.orderhub.config.HubConfig.DEFAULT_RECONCILE_MAX_ATTEMPTS);
        return reconciler.runOnce(() -> true);
    }

    /** One of Stripe's payment_intent.* sample events, about this test's intent. */
    private String event(String sample) {
        ObjectNode event = (ObjectNode) Json.parse(Samples.read("stripe/" + sample));
        event.put("id", "evt_" + UUID.randomUUID().toString().replace("-", ""));
        ((ObjectNode) event.path("data").path("object")).put("id", pi);
        return event.toString();
    }

    /** What GET /v1/payment_intents/{id} answers: the sample event's PaymentIntent object. */
    private String intent(String sample) {
        return Json.parse(event(sample)).path("data").path("object").toString();
    }

    private void deliver(String body) {
        String header = StripeSignature.header(body.getBytes(StandardCharsets.UTF_8), secret, Instant.now().getEpochSecond());
        TestHub.Response r = TestHub.send("POST", "/callbacks/stripe/" + clientId, "application/json", body,
                Map.of("Stripe-Signature", header));
        assertThat(r.status()).isEqualTo(200);
    }

    private JsonNode order() {
        TestHub.Response r = TestHub.get("/admin/sites/" + clientId + "/orders", adminKey);
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("orders").isEmpty() ? null : r.json().get("orders").get(0);
    }

    private List<JsonNode> review() {
        List<JsonNode> out = new ArrayList<>();
        TestHub.get("/admin/sites/" + clientId + "/review", adminKey).json().get("orders").forEach(out::add);
        return out;
    }

    private static void drained() throws InterruptedException {
        await(() -> TestHub.queueDepth("PaymentEventsQueue"), d -> d == 0, WAIT);
        Thread.sleep(1500);
    }

    private String path() {
        return "/v1/payment_intents/" + pi;
    }

    @Test
    void aPendingOrderWhoseIntentSucceededBecomesPaidThroughTheQueue() throws Exception {
        deliver(event("payment_intent.amount_capturable_updated.json")); // authorized: pending
        assertThat(await(this::order, o -> o != null, WAIT).get("status").asText()).isEqualTo("pending");
        drained();
        stripe.stubFor(get(urlEqualTo(path())).willReturn(okJson(intent("payment_intent.succeeded.json"))));

        runReconciler();
        stripe.verify(0, getRequestedFor(urlEqualTo(path()))); // not due before the 15-minute threshold

        now = now.plus(Duration.ofMinutes(16));
        Reconciler.Summary s = runReconciler();

        assertThat(s.updated()).isGreaterThanOrEqualTo(1);
        stripe.verify(1, getRequestedFor(urlEqualTo(path())));
        JsonNode paid = await(this::order, o -> "paid".equals(o.get("status").asText()), WAIT);
        assertThat(paid.get("status").asText()).isEqualTo("paid");
        assertThat(paid.get("amount").get("minor").asLong()).isEqualTo(2000);
        JsonNode detail = TestHub.get("/admin/sites/" + clientId + "/orders/" + paid.get("orderId").asText(), adminKey).json();
        List<String> eventIds = new ArrayList<>();
        detail.get("history").forEach(h -> eventIds.add(h.get("eventId").asText()));
        assertThat(eventIds).contains("reconcile:stripe:" + pi + ":succeeded");

        drained();
        now = now.plus(Duration.ofDays(2));
        runReconciler();
        stripe.verify(1, getRequestedFor(urlEqualTo(path()))); // paid: never asked again
    }

    @Test
    void aProviderThatKeepsFailingPutsTheOrderInReviewAfterTheLastTryAndIsNotAskedAgain() throws Exception {
        deliver(event("payment_intent.amount_capturable_updated.json"));
        await(this::order, o -> o != null, WAIT);
        drained();
        stripe.stubFor(get(urlEqualTo(path())).willReturn(aResponse().withStatus(500)));

        for (int run = 1; run <= dev.orderhub.config.HubConfig.DEFAULT_RECONCILE_MAX_ATTEMPTS; run++) {
            now = now.plus(Duration.ofHours(25)); // past any backoff (at most a day)
            runReconciler();
            stripe.verify(4 * run, getRequestedFor(urlEqualTo(path()))); // each look-up: 4 tries
        }

        List<JsonNode> queue = review();
        assertThat(queue).singleElement().satisfies(o -> {
            assertThat(o.get("status").asText()).isEqualTo("pending");
            assertThat(o.get("match").get("review").asText()).isEqualTo("needed");
            assertThat(o.get("match").get("reason").asText()).startsWith("reconciliation gave up: ")
                    .contains("HTTP 500").contains("after 8 look-ups");
        });

        now = now.plus(Duration.ofDays(3));
        runReconciler();
        stripe.verify(4 * dev.orderhub.config.HubConfig.DEFAULT_RECONCILE_MAX_ATTEMPTS, getRequestedFor(urlEqualTo(path())));
    }

    @Test
    void givingUpFiresReviewNeeded() throws Exception {
        OrderCommitIT.workflow(clientId, adminKey, "Tag orders to look at", "review.needed",
                Map.of("type", "add_order_tag", "tag", "look-at-me"));
        // A pending order that is not in review (a callback's order without an intent would be already).
        String at = now.toString();
        assertThat(TestHub.stack().orders().save(new dev.orderhub.order.Order(clientId, dev.orderhub.order.OrderIds.of(clientId, "stripe", pi),
                "stripe", pi, dev.orderhub.order.OrderStatus.PENDING, dev.orderhub.order.OrderStatus.PENDING,
                dev.orderhub.money.Money.ofMinor(500, "USD"), null, 0, false, "Jo", "jo@example.com", null, List.of(), null,
                false, at, at, java.util.Set.of("evt_seed"), Map.of(), null, null, 0), 0)).isTrue();
        assertThat(review()).isEmpty();
        stripe.stubFor(get(urlEqualTo(path())).willReturn(aResponse().withStatus(500)));

        for (int run = 1; run <= dev.orderhub.config.HubConfig.DEFAULT_RECONCILE_MAX_ATTEMPTS; run++) {
            now = now.plus(Duration.ofHours(25));
            runReconciler();
        }

        assertThat(review()).singleElement().satisfies(o -> assertThat(o.get("match").get("reason").asText())
                .startsWith("reconciliation gave up: "));
        JsonNode tagged = await("the order tagged by the review.needed workflow", this::order,
                o -> OrderCommitIT.tags(o).contains("look-at-me"), Duration.ofSeconds(60));
        assertThat(tagged.get("status").asText()).isEqualTo("pending");
    }

    @Test
    void aFinalOrderIsNeverPolled() throws Exception {
        deliver(event("payment_intent.succeeded.json"));
        assertThat(await(this::order, o -> o != null, WAIT).get("status").asText()).isEqualTo("paid");
        drained();
        stripe.stubFor(get(urlEqualTo(path())).willReturn(okJson(intent("payment_intent.succeeded.json"))));

        now = now.plus(Duration.ofDays(2));
        runReconciler();

        stripe.verify(0, getRequestedFor(urlEqualTo(path())));
        assertThat(TestHub.stack().orders().dueForReconcile("stripe", "9999", 10_000))
                .noneMatch(o -> o.clientId().equals(clientId));
    }
}

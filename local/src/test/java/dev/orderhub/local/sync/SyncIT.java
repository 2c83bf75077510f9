package dev.orderhub.local.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.orderhub.json.Json;
import dev.orderhub.local.TestHub;
import dev.orderhub.provider.api.ApiHttp;
import dev.orderhub.provider.stripe.StripeSignature;
import dev.orderhub.provider.stripe.StripeSync;
import dev.orderhub.record.NormalizedRecord;
import dev.orderhub.sync.SyncJob;
import dev.orderhub.sync.SyncJobStore;
import dev.orderhub.sync.SyncMessage;
import dev.orderhub.sync.SqsSyncQueue;
import dev.orderhub.sync.SyncRunner;
import dev.orderhub.testing.Samples;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Provider data sync over the local stack. WireMock serves Stripe's documented list responses
 * ({@code {"object":"list","data":[…],"has_more":…,"url":…}}) whose objects are the
 * {@code data.object} of samples/stripe/charge.succeeded.json and customer.created.json (Stripe's
 * API reference examples, see samples/SOURCES.md) with ids of this test: charges over three
 * pages, customers over two, the other four resources empty. Stubs match this test's API key only,
 * so tests sharing the WireMock never see each other's pages.
 */
class SyncIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SINCE = "2023-01-01";
    private static final long SINCE_EPOCH = Instant.parse("2023-01-01T00:00:00Z").getEpochSecond();
    private final WireMockServer stripe = TestHub.providerApis();
    private String clientId;
    private String adminKey;
    private String apiKey;
    private String webhookSecret;
    private String tag;

    @BeforeEach
    void setUp() {
        JsonNode site = TestHub.newSite("Sync test site");
        clientId = site.get("clientId").asText();
        adminKey = site.get("adminKey").asText();
        tag = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        apiKey = "rk_test_sync_" + tag;
        webhookSecret = "whsec_" + tag;
        TestHub.Response r = TestHub.putProvider(clientId, "stripe", adminKey, Map.of("apiKey", apiKey, "webhookSecret", webhookSecret));
        assertThat(r.status()).isEqualTo(200);
    }

    /** Stripe's charge example with this test's id. */
    private ObjectNode charge(int i) {
        ObjectNode c = (ObjectNode) Json.parse(Samples.read("stripe/charge.succeeded.json")).path("data").path("object").deepCopy();
        c.put("id", "ch_" + tag + "_" + i);
        c.put("amount", 1000 + i);
        return c;
    }

    private ObjectNode customer(int i) {
        ObjectNode c = (ObjectNode) Json.parse(Samples.read("stripe/customer.created.json")).path("data").path("object").deepCopy();
        c.put("id", "cus_" + tag + "_" + i);
        return c;
    }

    private static String list(String resource, List<ObjectNode> objects, boolean hasMore) {
        ObjectNode l = Json.object();
        l.put("object", "list");
        ArrayNode data = l.putArray("data");
        objects.forEach(data::add);
        l.put("has_more", hasMore);
        l.put("url", "/v1/" + resource);
        return l.toString();
    }

    private MappingBuilder page(String resource, String after) {
        return get(urlPathEqualTo("/v1/" + resource)).withHeader("Authorization", equalTo("Bearer " + apiKey))
                .withQueryParam("limit", equalTo("100")).withQueryParam("created[gte]", equalTo(Long.toString(SINCE_EPOCH)))
                .withQueryParam("starting_after", after == null ? absent() : equalTo(after));
    }

    /**
     * Charges 0–4, 5–9, 10–11 (page 2 answers 429 with Retry-After, then 500, then the page),
     * customers 0–2, 3–4; returns the served charges and customers.
     */
    private List<List<ObjectNode>> serve() {
        List<ObjectNode> charges = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            charges.add(charge(i));
        }
        List<ObjectNode> customers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            customers.add(customer(i));
        }
        String scenario = "charges page 2 of " + tag;
        stripe.stubFor(page("charges", null).willReturn(okJson(list("charges", charges.subList(0, 5), true))));
        stripe.stubFor(page("charges", "ch_" + tag + "_4").inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("limited"));
        stripe.stubFor(page("charges", "ch_" + tag + "_4").inScenario(scenario).whenScenarioStateIs("limited")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
        stripe.stubFor(page("charges", "ch_" + tag + "_4").inScenario(scenario).whenScenarioStateIs("recovered")
                .willReturn(okJson(list("charges", charges.subList(5, 10), true))));
        stripe.stubFor(page("charges", "ch_" + tag + "_9").willReturn(okJson(list("charges", charges.subList(10, 12), false))));
        stripe.stubFor(page("customers", null).willReturn(okJson(list("customers", customers.subList(0, 3), true))));
        stripe.stubFor(page("customers", "cus_" + tag + "_2").willReturn(okJson(list("customers", customers.subList(3, 5), false))));
        for (String empty : List.of("subscriptions", "refunds", "balance_transactions", "prices")) {
            stripe.stubFor(page(empty, null).willReturn(okJson(list(empty, List.of(), false))));
        }
        return List.of(charges, customers);
    }

    private static List<String> ids(List<ObjectNode> objects) {
        return objects.stream().map(o -> o.get("id").asText()).toList();
    }

    private List<String> storedIds(String type) {
        return TestHub.stack().records().list(clientId, type, null, null, 1000).stream().map(NormalizedRecord::id).toList();
    }

    private TestHub.Response startBackfill() {
        return TestHub.send("POST", "/admin/sites/" + clientId + "/sync/stripe", "application/json",
                Json.write(Map.of("mode", "backfill", "since", SINCE)), Map.of("authorization", "Bearer " + adminKey));
    }

    private JsonNode progress() {
        TestHub.Response r = TestHub.get("/admin/sites/" + clientId + "/sync/stripe", adminKey);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    @Test
    void aBackfillThroughTheQueueStoresEveryServedRecordOnceDespiteA429AndA500() {
        List<List<ObjectNode>> served = serve();
        // A charge that also came by webhook: stored once, whichever arrived first.
        String event = Samples.read("stripe/charge.succeeded.json").replace("ch_3MmlLrLkdIwHu7ix0snN0B15", "ch_" + tag + "_3");
        TestHub.Response callback = TestHub.send("POST", "/callbacks/stripe/" + clientId, "application/json", event,
                Map.of("Stripe-Signature", StripeSignature.header(event.getBytes(StandardCharsets.UTF_8), webhookSecret,
                        Instant.now().getEpochSecond())));
        assertThat(callback.status()).isEqualTo(200);

        TestHub.Response started = startBackfill();
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().get("state").asText()).isEqualTo("running");
        assertThat(started.json().get("since").asText()).isEqualTo("2023-01-01T00:00:00Z");

        JsonNode done = await(this::progress, p -> !p.get("state").asText().equals("running"), WAIT);
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("finished");
        // charges 3 pages, subscriptions/refunds/balance transactions 1 each, customers 2, prices 1
        assertThat(done.get("pages").asLong()).isEqualTo(9);
        assertThat(done.get("records").asLong()).isEqualTo(17);
        assertThat(done.get("errors").asLong()).isZero(); // the 429 and the 500 were the client's retries
        assertThat(done.get("finishedAt").isTextual()).isTrue();
        assertThat(done.get("syncedThrough").asText()).isEqualTo(done.get("startedAt").asText());
        assertThat(done.toString()).doesNotContain(apiKey);

        assertThat(storedIds("charge")).containsExactlyInAnyOrderElementsOf(ids(served.get(0)));
        assertThat(storedIds("customer")).containsExactlyInAnyOrderElementsOf(ids(served.get(1)));
        NormalizedRecord first = TestHub.stack().records().find(clientId, "stripe", "charge", "ch_" + tag + "_0").orElseThrow();
        assertThat(first.data().get("amount").asLong()).isEqualTo(1000);
        assertThat(first.data().get("currency").asText()).isEqualTo("USD");
        assertThat(first.schemaVersion()).isEqualTo(1);
        stripe.verify(3, getRequestedFor(urlPathEqualTo("/v1/charges")).withHeader("Authorization", equalTo("Bearer " + apiKey))
                .withQueryParam("starting_after", equalTo("ch_" + tag + "_4")));
        stripe.verify(1, getRequestedFor(urlPathEqualTo("/v1/subscriptions")).withQueryParam("status", equalTo("all"))
                .withHeader("Authorization", equalTo("Bearer " + apiKey)));

        // Incremental: from where the finished run started.
        TestHub.Response incremental = TestHub.send("POST", "/admin/sites/" + clientId + "/sync/stripe", "application/json",
                Json.write(Map.of("mode", "incremental")), Map.of("authorization", "Bearer " + adminKey));
        assertThat(incremental.status()).as(incremental.body()).isEqualTo(202);
        assertThat(incremental.json().get("since").asText()).isEqualTo(done.get("startedAt").asText());
    }

    @Test
    void oneJobPerProviderAtATimeAndIncrementalNeedsAFinishedRun() {
        TestHub.Response incremental = TestHub.send("POST", "/admin/sites/" + clientId + "/sync/stripe", "application/json",
                Json.write(Map.of("mode", "incremental")), Map.of("authorization", "Bearer " + adminKey));
        assertThat(incremental.status()).isEqualTo(409);
        // A job that is running (put there directly, so that no runner ends it during the test).
        SyncJob job = new SyncJob(clientId, "stripe", "sync_" + tag, SyncJob.RUNNING, "backfill", "2023-01-01T00:00:00Z",
                0, null, 0, 0, 0, null, null, null, null, null);
        assertThat(TestHub.stack().syncJobs().start(job, null, Instant.now())).isPresent();
        TestHub.Response second = startBackfill();
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("error").path("code").asText()).isEqualTo("SYNC_RUNNING");
        assertThat(progress().get("runId").asText()).isEqualTo("sync_" + tag);
        assertThat(TestHub.send("POST", "/admin/sites/" + clientId + "/sync/kofi", "application/json",
                Json.write(Map.of("mode", "backfill", "since", SINCE)), Map.of("authorization", "Bearer " + adminKey)).status())
                .isEqualTo(404);
    }

    /** A runner over the stack's table asking the WireMock "Stripe", re-queuing onto a queue of the test's own. */
    private SyncRunner runner(String queueUrl) {
        dev.orderhub.runtime.Stack hub = TestHub.stack();
        ApiHttp http = new ApiHttp(new ApiHttp.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), 4,
                Duration.ofMillis(10), Duration.ofSeconds(5)), d -> { },
                dev.orderhub.http.outbound.OutboundAddresses.fromConfiguration(hub.config()));
        return new SyncRunner(hub.syncJobs(), hub.sites(), hub.records(), new SqsSyncQueue(hub.sqs(), queueUrl),
                List.of(new StripeSync(http, URI.create(stripe.baseUrl()))), Duration.ofSeconds(30), Clock.systemUTC());
    }

    private SyncMessage startDirectly() {
        String runId = "sync_" + tag;
        TestHub.stack().syncJobs().start(new SyncJob(clientId, "stripe", runId, SyncJob.RUNNING, "backfill", "2023-01-01T00:00:00Z",
                0, null, 0, 0, 0, null, null, null, null, null), null, Instant.now()).orElseThrow();
        return new SyncMessage(clientId, "stripe", runId);
    }

    /**
     * Page 3 failing after all the client's retries (500 four times) counts one error and keeps
     * the cursor; the run, asked again, goes on from page 3 and stores everything once.
     */
    @Test
    void aPageThatKeepsFailingIsCountedAndRetriedFromTheSameCursor() {
        List<List<ObjectNode>> served = serve();
        stripe.stubFor(page("charges", "ch_" + tag + "_4").atPriority(1).willReturn(okJson(list("charges",
                served.get(0).subList(5, 10), true)))); // no 429/500 this time
        var broken = stripe.stubFor(page("charges", "ch_" + tag + "_9").atPriority(1).willReturn(aResponse().withStatus(500)));
        String queueUrl = TestHub.stack().sqs().createQueue(b -> b.queueName("sync-errors-" + tag)).queueUrl();
        SyncRunner runner = runner(queueUrl);
        SyncMessage message = startDirectly();

        runner.run(message, () -> 300_000);
        SyncJob failedPage = TestHub.stack().syncJobs().find(clientId, "stripe").orElseThrow();
        assertThat(failedPage.state()).isEqualTo("running");
        assertThat(failedPage.errors()).isEqualTo(1);
        assertThat(failedPage.lastError()).contains("charges").contains("HTTP 500");
        assertThat(failedPage.pages()).isEqualTo(2);
        assertThat(failedPage.cursor()).isEqualTo("ch_" + tag + "_9");
        stripe.verify(4, getRequestedFor(urlPathEqualTo("/v1/charges")).withHeader("Authorization", equalTo("Bearer " + apiKey))
                .withQueryParam("starting_after", equalTo("ch_" + tag + "_9")));

        stripe.removeStub(broken);
        runner.run(message, () -> 300_000); // the delayed message, delivered
        SyncJob done = TestHub.stack().syncJobs().find(clientId, "stripe").orElseThrow();
        assertThat(done.state()).isEqualTo("finished");
        assertThat(done.records()).isEqualTo(17);
        assertThat(storedIds("charge")).containsExactlyInAnyOrderElementsOf(ids(served.get(0)));
    }

    /** Stripe refusing the key ends the run as failed, without the key in what the admin sees. */
    @Test
    void aRefusedApiKeyFailsTheRun() {
        stripe.stubFor(page("charges", null).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided: " + apiKey + "\"}}")));
        runner(TestHub.stack().sqs().createQueue(b -> b.queueName("sync-refused-" + tag)).queueUrl()).run(startDirectly(), () -> 300_000);
        JsonNode p = progress();
        assertThat(p.get("state").asText()).isEqualTo("failed");
        assertThat(p.get("lastError").asText()).contains("HTTP 401");
        assertThat(p.toString()).doesNotContain(apiKey);
        assertThat(p.get("finishedAt").isTextual()).isTrue();
    }

    /**
     * A run with time for two pages only stops after page 2 and puts itself on the queue; the
     * next invocation goes on from page 3 (page 1 is never asked again), and a stale copy of the
     * message after the end changes nothing.
     */
    @Test
    void aRunOutOfTimeAfterPage2ResumesFromItsSavedCursor() {
        List<List<ObjectNode>> served = serve();
        dev.orderhub.runtime.Stack hub = TestHub.stack();
        String queueUrl = hub.sqs().createQueue(b -> b.queueName("sync-resume-" + tag)).queueUrl();
        SyncRunner runner = runner(queueUrl);
        SyncJobStore jobs = hub.syncJobs();
        SyncMessage message = startDirectly();

        AtomicInteger checks = new AtomicInteger();
        runner.run(message, () -> checks.incrementAndGet() <= 2 ? 300_000 : 1_000); // time for two pages
        SyncJob paused = jobs.find(clientId, "stripe").orElseThrow();
        assertThat(paused.state()).isEqualTo("running");
        assertThat(paused.pages()).isEqualTo(2);
        assertThat(paused.cursor()).isEqualTo("ch_" + tag + "_9");
        assertThat(storedIds("charge")).hasSize(10);

        List<Message> requeued = hub.sqs().receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(2)).messages();
        assertThat(requeued).hasSize(1);
        runner.run(Json.read(requeued.get(0).body(), SyncMessage.class), () -> 300_000);

        SyncJob done = jobs.find(clientId, "stripe").orElseThrow();
        assertThat(done.state()).isEqualTo("finished");
        assertThat(done.pages()).isEqualTo(9);
        assertThat(done.records()).isEqualTo(17);
        assertThat(storedIds("charge")).containsExactlyInAnyOrderElementsOf(ids(served.get(0)));
        assertThat(storedIds("customer")).containsExactlyInAnyOrderElementsOf(ids(served.get(1)));
        stripe.verify(1, getRequestedFor(urlPathEqualTo("/v1/charges")).withHeader("Authorization", equalTo("Bearer " + apiKey))
                .withQueryParam("starting_after", absent()));

        runner.run(message, () -> 300_000); // the old message again: the run is over
        assertThat(jobs.find(clientId, "stripe").orElseThrow().pages()).isEqualTo(9);
        assertThat(hub.sqs().receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)).messages()).isEmpty();
    }
}

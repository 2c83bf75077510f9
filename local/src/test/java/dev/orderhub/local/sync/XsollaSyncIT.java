package dev.orderhub.local.sync;

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
import dev.orderhub.provider.xsolla.XsollaSignature;
import dev.orderhub.provider.xsolla.XsollaSync;
import dev.orderhub.record.NormalizedRecord;
import dev.orderhub.sync.SyncJob;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Xsolla subscription sync over the local stack. WireMock answers Xsolla's "Get subscriptions"
 * ({@code GET /merchant/v2/merchants/{merchant_id}/subscriptions?limit&offset&project_id[]&datetime_from},
 * Basic {@code merchant_id:api_key}; a JSON array) with copies of the API reference's subscription
 * objects (samples/xsolla/subscriptions_list.json, SOURCES.md) given this test's ids, over three
 * pages of four and the empty page that ends the list, for subscribers of three users. Stubs
 * match this test's API key only, so tests sharing the WireMock never see each other's pages.
 */
class XsollaSyncIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String MERCHANT = "2340";
    private static final String PROJECT = "18404";
    private static final String PATH = "/merchants/" + MERCHANT + "/subscriptions";
    private final WireMockServer xsolla = TestHub.providerApis();
    private String clientId;
    private String adminKey;
    private String apiKey;
    private String projectSecret;
    private String tag;
    private long firstId;

    @BeforeEach
    void setUp() {
        JsonNode site = TestHub.newSite("Xsolla sync test site");
        clientId = site.get("clientId").asText();
        adminKey = site.get("adminKey").asText();
        tag = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        apiKey = "xsolla_key_" + tag;
        projectSecret = "xsolla_secret_" + tag;
        firstId = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000) * 100;
        TestHub.Response r = TestHub.putProvider(clientId, "xsolla", adminKey, Map.of("projectSecret", projectSecret,
                "apiKey", apiKey, "projectId", PROJECT, "merchantId", MERCHANT));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(apiKey);
    }

    /** The reference's subscriptions in turn (canceled, active), with this test's id and one of three users. */
    private ObjectNode subscription(int i) {
        JsonNode examples = Json.parse(Samples.read("xsolla/subscriptions_list.json"));
        ObjectNode s = (ObjectNode) examples.get(i % 2).deepCopy();
        s.put("id", firstId + i);
        ((ObjectNode) s.get("user")).put("id", "user_" + tag + "_" + (i % 3));
        s.put("charge_amount", 4.99 + i);
        return s;
    }

    private static String list(List<ObjectNode> items) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        items.forEach(a::add);
        return a.toString();
    }

    /** HTTP Basic merchant_id:api_key, as Xsolla's merchant API expects it. */
    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((MERCHANT + ":" + apiKey).getBytes(StandardCharsets.UTF_8));
    }

    private MappingBuilder page(int offset) {
        return get(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo(basic()))
                .withQueryParam("limit", equalTo("100")).withQueryParam("offset", equalTo(Integer.toString(offset)))
                .withQueryParam("project_id[]", equalTo(PROJECT));
    }

    /** Offsets 0, 4, 8 serve four subscriptions each (offset 4: 429 with Retry-After, then 500, then the page); 12 is empty. */
    private List<ObjectNode> serve() {
        List<ObjectNode> subs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            subs.add(subscription(i));
        }
        String scenario = "xsolla page 2 of " + tag;
        xsolla.stubFor(page(0).willReturn(okJson(list(subs.subList(0, 4)))));
        xsolla.stubFor(page(4).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("limited"));
        xsolla.stubFor(page(4).inScenario(scenario).whenScenarioStateIs("limited")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
        xsolla.stubFor(page(4).inScenario(scenario).whenScenarioStateIs("recovered").willReturn(okJson(list(subs.subList(4, 8)))));
        xsolla.stubFor(page(8).willReturn(okJson(list(subs.subList(8, 12)))));
        xsolla.stubFor(page(12).willReturn(okJson("[]")));
        return subs;
    }

    private static List<String> ids(List<ObjectNode> subs) {
        return subs.stream().map(s -> s.get("id").asText()).toList();
    }

    private List<String> storedIds() {
        return TestHub.stack().records().list(clientId, "subscription", null, null, 1000).stream()
                .filter(r -> r.provider().equals("xsolla")).map(NormalizedRecord::id).toList();
    }

    private NormalizedRecord stored(long id) {
        return TestHub.stack().records().find(clientId, "xsolla", "subscription", Long.toString(id)).orElseThrow();
    }

    private JsonNode progress() {
        TestHub.Response r = TestHub.get("/admin/sites/" + clientId + "/sync/xsolla", adminKey);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** create_subscription (samples/xsolla/create_subscription.json) for this test's first subscription. */
    private void notifyCreated() {
        ObjectNode n = (ObjectNode) Json.parse(Samples.read("xsolla/create_subscription.json"));
        ((ObjectNode) n.get("subscription")).put("subscription_id", Long.toString(firstId));
        String body = n.toString();
        TestHub.Response r = TestHub.send("POST", "/callbacks/xsolla/" + clientId, "application/json", body,
                Map.of("authorization", XsollaSignature.header(body.getBytes(StandardCharsets.UTF_8), projectSecret)));
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        await(() -> TestHub.stack().records().find(clientId, "xsolla", "subscription", Long.toString(firstId)), o -> o.isPresent(), WAIT);
    }

    @Test
    void aBackfillThroughTheQueueStoresEverySubscriptionOnceDespiteA429AndA500() {
        notifyCreated();
        NormalizedRecord byWebhook = stored(firstId);
        assertThat(byWebhook.data().get("notification_type").asText()).isEqualTo("create_subscription");
        List<ObjectNode> served = serve();

        TestHub.Response started = TestHub.send("POST", "/admin/sites/" + clientId + "/sync/xsolla", "application/json",
                Json.write(Map.of("mode", "backfill", "since", "2018-01-01")), Map.of("authorization", "Bearer " + adminKey));
        assertThat(started.status()).as(started.body()).isEqualTo(202);

        JsonNode done = await(this::progress, p -> !p.get("state").asText().equals("running"), WAIT);
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("finished");
        assertThat(done.get("pages").asLong()).isEqualTo(4); // three pages and the empty one that ends the list
        assertThat(done.get("records").asLong()).isEqualTo(12);
        assertThat(done.get("errors").asLong()).isZero(); // the 429 and the 500 were the client's retries
        assertThat(done.path("lastCursor").asText(null)).as("no cursor once the list has ended").isNull();
        assertThat(done.toString()).doesNotContain(apiKey);

        assertThat(storedIds()).containsExactlyInAnyOrderElementsOf(ids(served));
        // The subscription the webhook brought is the same record, now in the state the list shows.
        NormalizedRecord first = stored(firstId);
        assertThat(first.data().get("status").asText()).isEqualTo("canceled");
        assertThat(first.data().get("notification_type").isNull()).isTrue();
        assertThat(first.sourceUpdated()).isGreaterThan(byWebhook.sourceUpdated());
        NormalizedRecord second = stored(firstId + 1);
        assertThat(second.data().get("amount").get("minor").asLong()).isEqualTo(599);
        assertThat(second.data().get("user_id").asText()).isEqualTo("user_" + tag + "_1");
        xsolla.verify(3, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("offset", equalTo("4"))
                .withQueryParam("datetime_from", equalTo("2018-01-01T00:00:00Z")).withHeader("Authorization", equalTo(basic())));
    }

    /** A runner over the stack's table asking the WireMock "Xsolla", re-queuing onto a queue of the test's own. */
    private SyncRunner runner(String queueUrl) {
        dev.orderhub.runtime.Stack hub = TestHub.stack();
        ApiHttp http = new ApiHttp(new ApiHttp.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), 4,
                Duration.ofMillis(10), Duration.ofSeconds(5)), d -> { },
                dev.orderhub.http.outbound.OutboundAddresses.fromConfiguration(hub.config()));
        return new SyncRunner(hub.syncJobs(), hub.sites(), hub.records(), new SqsSyncQueue(hub.sqs(), queueUrl),
                List.of(new XsollaSync(http, URI.create(xsolla.baseUrl()), Duration.ZERO, d -> { })), Duration.ofSeconds(30),
                Clock.systemUTC());
    }

    /**
     * A run with time for two pages stops after offset 4 with cursor 8 (visible on the admin API)
     * and re-queues itself; the next invocation goes on at offset 8, never asks offset 0 again, and
     * stores every served subscription once.
     */
    @Test
    void aRunOutOfTimeInTheMiddleResumesFromItsSavedOffset() {
        List<ObjectNode> served = serve();
        dev.orderhub.runtime.Stack hub = TestHub.stack();
        String queueUrl = hub.sqs().createQueue(b -> b.queueName("xsolla-sync-resume-" + tag)).queueUrl();
        SyncRunner runner = runner(queueUrl);
        String runId = "sync_" + tag;
        hub.syncJobs().start(new SyncJob(clientId, "xsolla", runId, SyncJob.RUNNING, "backfill", "2018-01-01T00:00:00Z",
                0, null, 0, 0, 0, null, null, null, null, null), null, Instant.now()).orElseThrow();

        AtomicInteger checks = new AtomicInteger();
        runner.run(new SyncMessage(clientId, "xsolla", runId), () -> checks.incrementAndGet() <= 2 ? 300_000 : 1_000);
        JsonNode paused = progress();
        assertThat(paused.get("state").asText()).isEqualTo("running");
        assertThat(paused.get("pages").asLong()).isEqualTo(2);
        assertThat(paused.get("records").asLong()).isEqualTo(8);
        assertThat(paused.get("lastCursor").asText()).isEqualTo("8");
        assertThat(storedIds()).hasSize(8);

        List<Message> requeued = hub.sqs().receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(2)).messages();
        assertThat(requeued).hasSize(1);
        runner.run(Json.read(requeued.get(0).body(), SyncMessage.class), () -> 300_000);

        JsonNode done = progress();
        assertThat(done.get("state").asText()).isEqualTo("finished");
        assertThat(done.get("pages").asLong()).isEqualTo(4);
        assertThat(done.get("records").asLong()).isEqualTo(12);
        assertThat(storedIds()).containsExactlyInAnyOrderElementsOf(ids(served));
        xsolla.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("offset", equalTo("0"))
                .withQueryParam("project_id[]", equalTo(PROJECT)).withQueryParam("datetime_from", equalTo("2018-01-01T00:00:00Z"))
                .withHeader("Authorization", equalTo(basic())));
    }

    /** Without a merchant id the site cannot sync Xsolla: 409 NOT_CONFIGURED, no job. */
    @Test
    void aSiteWithoutMerchantIdIsNotConfigured() {
        JsonNode other = TestHub.newSite("Xsolla sync without merchant");
        String otherKey = other.get("adminKey").asText();
        String otherId = other.get("clientId").asText();
        assertThat(TestHub.putProvider(otherId, "xsolla", otherKey, Map.of("projectSecret", projectSecret, "apiKey", apiKey,
                "projectId", PROJECT)).status()).isEqualTo(200);
        TestHub.Response r = TestHub.send("POST", "/admin/sites/" + otherId + "/sync/xsolla", "application/json",
                Json.write(Map.of("mode", "backfill", "since", "2018-01-01")), Map.of("authorization", "Bearer " + otherKey));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().path("error").path("code").asText()).isEqualTo("NOT_CONFIGURED");
        assertThat(r.body()).contains("merchantId");
        assertThat(TestHub.putProvider(otherId, "xsolla", otherKey, Map.of("merchantId", "23x")).status()).isEqualTo(400);
        assertThat(TestHub.get("/admin/sites/" + otherId + "/sync/xsolla", otherKey).status()).isEqualTo(404);
    }
}

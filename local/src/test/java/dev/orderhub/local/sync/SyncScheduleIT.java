package dev.orderhub.local.sync;

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
import dev.orderhub.json.Json;
import dev.orderhub.local.LocalScheduler;
import dev.orderhub.local.TestHub;
import dev.orderhub.sync.SyncJob;
import dev.orderhub.sync.SyncJobStore;
import dev.orderhub.testing.Samples;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sync schedule over the local stack: the scheduled function ({@code SyncSchedulerFunction},
 * invoked with an EventBridge Scheduled Event as local mode's scheduler does) starts an
 * incremental run only for the site+providers whose schedule is on, never a second one while one
 * runs, and from the previous finished run's high-water mark. WireMock serves Stripe's documented
 * list shape ({@code {"object":"list","data":[…],"has_more":false}}) with the charge of
 * samples/stripe/charge.succeeded.json (Stripe's API reference example, SOURCES.md), matching only
 * the scheduled site's API key and {@code created[gte]} at that mark.
 */
class SyncScheduleIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final WireMockServer stripe = TestHub.providerApis();
    private final SyncJobStore jobs = TestHub.stack().syncJobs();
    private String tag;

    private record Site(String clientId, String adminKey, String apiKey) {}

    @BeforeEach
    void setUp() {
        tag = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private Site stripeSite(String name) {
        JsonNode site = TestHub.newSite("Sync schedule " + name);
        Site s = new Site(site.get("clientId").asText(), site.get("adminKey").asText(), "rk_test_sched_" + tag + "_" + name);
        TestHub.Response r = TestHub.putProvider(s.clientId(), "stripe", s.adminKey(), Map.of("apiKey", s.apiKey(),
                "webhookSecret", "whsec_" + tag));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return s;
    }

    /** A run that started at {@code startedAt} and finished: its start is the next incremental run's mark. */
    private void finishedRun(Site s, Instant startedAt) {
        SyncJob started = jobs.start(new SyncJob(s.clientId(), "stripe", "sync_done_" + tag, SyncJob.RUNNING, "backfill",
                "2023-01-01T00:00:00Z", 0, null, 0, 0, 0, null, null, null, null, null), null, startedAt).orElseThrow();
        assertThat(jobs.finish(started, startedAt.plus(Duration.ofMinutes(5)))).isPresent();
    }

    private TestHub.Response schedule(Site s, String provider, Map<String, Object> body) {
        return TestHub.send("PUT", "/admin/sites/" + s.clientId() + "/sync/" + provider + "/schedule", "application/json",
                Json.write(body), Map.of("authorization", "Bearer " + s.adminKey()));
    }

    private JsonNode scheduleOf(Site s) {
        TestHub.Response r = TestHub.get("/admin/sites/" + s.clientId() + "/sync/stripe/schedule", s.adminKey());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private JsonNode jobOf(Site s) {
        TestHub.Response r = TestHub.get("/admin/sites/" + s.clientId() + "/sync/stripe", s.adminKey());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static Object tick() {
        return TestHub.get().functions().invoke("SyncSchedulerFunction",
                LocalScheduler.scheduledEvent("SyncSchedulerFunction", Instant.now()));
    }

    /** The site's six Stripe lists from {@code since}: one charge, the other five empty. */
    private void serveIncremental(Site s, Instant since) {
        ObjectNode charge = (ObjectNode) Json.parse(Samples.read("stripe/charge.succeeded.json")).path("data").path("object").deepCopy();
        charge.put("id", "ch_sched_" + tag);
        for (String resource : List.of("charges", "subscriptions", "refunds", "balance_transactions", "customers", "prices")) {
            ObjectNode l = Json.object();
            l.put("object", "list");
            ArrayNode data = l.putArray("data");
            if (resource.equals("charges")) {
                data.add(charge);
            }
            l.put("has_more", false);
            l.put("url", "/v1/" + resource);
            stripe.stubFor(get(urlPathEqualTo("/v1/" + resource)).withHeader("Authorization", equalTo("Bearer " + s.apiKey()))
                    .withQueryParam("created[gte]", equalTo(Long.toString(since.getEpochSecond())))
                    .willReturn(okJson(l.toString())));
        }
    }

    @Test
    void aTickStartsIncrementalRunsOnlyWhereTheScheduleIsOnAndNoneWhileOneRuns() {
        Instant mark = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        Site on = stripeSite("on");
        finishedRun(on, mark);
        Site off = stripeSite("off");
        finishedRun(off, mark);
        Site busy = stripeSite("busy");
        finishedRun(busy, mark);
        Site fresh = stripeSite("fresh");
        serveIncremental(on, mark);

        TestHub.Response enabled = schedule(on, "stripe", Map.of("enabled", true, "intervalMinutes", 60));
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
        assertThat(enabled.json().get("intervalMinutes").asInt()).isEqualTo(60);
        assertThat(schedule(off, "stripe", Map.of("enabled", true)).status()).isEqualTo(200);
        assertThat(schedule(off, "stripe", Map.of("enabled", false)).status()).isEqualTo(200); // on, then off again
        assertThat(schedule(busy, "stripe", Map.of("enabled", true)).status()).isEqualTo(200);
        assertThat(schedule(fresh, "stripe", Map.of("enabled", true)).status()).isEqualTo(200);
        // A run of "busy" is running (put there directly, so that no runner ends it during the test).
        SyncJob running = jobs.start(new SyncJob(busy.clientId(), "stripe", "sync_running_" + tag, SyncJob.RUNNING,
                "backfill", "2023-01-01T00:00:00Z", 0, null, 0, 0, 0, null, null, null, null, null), mark.toString(),
                Instant.now()).orElseThrow();

        assertThat(tick()).isInstanceOf(Map.class);

        // "on": an incremental run from the previous run's start, run by the sync runner through the queue.
        JsonNode started = jobOf(on);
        assertThat(started.get("mode").asText()).isEqualTo("incremental");
        assertThat(started.get("since").asText()).isEqualTo(mark.toString());
        assertThat(started.get("runId").asText()).isNotEqualTo("sync_done_" + tag);
        JsonNode done = await(() -> jobOf(on), j -> !j.get("state").asText().equals("running"), WAIT);
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("finished");
        assertThat(done.get("records").asLong()).isEqualTo(1);
        assertThat(TestHub.stack().records().find(on.clientId(), "stripe", "charge", "ch_sched_" + tag)).isPresent();
        stripe.verify(1, getRequestedFor(urlPathEqualTo("/v1/charges")).withHeader("Authorization", equalTo("Bearer " + on.apiKey()))
                .withQueryParam("created[gte]", equalTo(Long.toString(mark.getEpochSecond()))));
        JsonNode onSchedule = scheduleOf(on);
        assertThat(onSchedule.get("lastOutcome").asText()).isEqualTo("started " + started.get("runId").asText());
        assertThat(onSchedule.get("lastStartedAt").isTextual()).isTrue();

        // "off": nothing started; its finished run is untouched.
        assertThat(jobOf(off).get("runId").asText()).isEqualTo("sync_done_" + tag);
        assertThat(scheduleOf(off).get("enabled").asBoolean()).isFalse();
        assertThat(scheduleOf(off).has("lastTickAt")).isFalse();
        // "busy": the running run is still the one; the tick says why it started none.
        assertThat(jobOf(busy).get("runId").asText()).isEqualTo(running.runId());
        assertThat(scheduleOf(busy).get("lastOutcome").asText()).contains("running");
        assertThat(scheduleOf(busy).has("lastStartedAt")).isFalse();
        // "fresh": never finished a run, so there is no mark to go on from.
        assertThat(scheduleOf(fresh).get("lastOutcome").asText()).contains("start a backfill");
        assertThat(TestHub.get("/admin/sites/" + fresh.clientId() + "/sync/stripe", fresh.adminKey()).status()).isEqualTo(404);

        // The next tick: "on" is not due for an hour; "busy" is still running.
        tick();
        assertThat(jobOf(on).get("runId").asText()).isEqualTo(started.get("runId").asText());
        assertThat(jobOf(busy).get("runId").asText()).isEqualTo(running.runId());
        stripe.verify(1, getRequestedFor(urlPathEqualTo("/v1/charges")).withHeader("Authorization", equalTo("Bearer " + on.apiKey())));
    }

    @Test
    void schedulesAreValidatedAndOwnerOnly() {
        Site s = stripeSite("rules");
        assertThat(scheduleOf(s).get("enabled").asBoolean()).as("never turned on").isFalse();
        assertThat(schedule(s, "stripe", Map.of("enabled", true, "intervalMinutes", 5)).status()).isEqualTo(400);
        assertThat(schedule(s, "stripe", Map.of("enabled", "yes")).status()).isEqualTo(400);
        assertThat(schedule(s, "stripe", Map.of("enabled", true, "every", 60)).status()).isEqualTo(400);
        assertThat(schedule(s, "kofi", Map.of("enabled", true)).status()).isEqualTo(404);
        TestHub.Response notConfigured = schedule(s, "xsolla", Map.of("enabled", true));
        assertThat(notConfigured.status()).isEqualTo(409);
        assertThat(notConfigured.json().path("error").path("code").asText()).isEqualTo("NOT_CONFIGURED");
        assertThat(schedule(s, "xsolla", Map.of("enabled", false)).status()).as("turning off needs no config").isEqualTo(200);

        TestHub.Response viewerKey = TestHub.send("POST", "/admin/sites/" + s.clientId() + "/keys", "application/json",
                Json.write(Map.of("role", "viewer")), Map.of("authorization", "Bearer " + s.adminKey()));
        assertThat(viewerKey.status()).as(viewerKey.body()).isEqualTo(201);
        String viewer = viewerKey.json().get("key").asText();
        assertThat(TestHub.send("PUT", "/admin/sites/" + s.clientId() + "/sync/stripe/schedule", "application/json",
                Json.write(Map.of("enabled", true)), Map.of("authorization", "Bearer " + viewer)).status()).isEqualTo(403);
        assertThat(TestHub.get("/admin/sites/" + s.clientId() + "/sync/stripe/schedule", viewer).status()).isEqualTo(200);
    }
}

package dev.orderhub.local.proof;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.admin.AdminRole;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.http.ApiGateway;
import dev.orderhub.json.Json;
import dev.orderhub.local.DemoSite;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.StandIns;
import dev.orderhub.local.TestHub;
import dev.orderhub.local.callbacks.DeadLetterIT;
import dev.orderhub.local.load.FaultRun;
import dev.orderhub.local.load.LoadTraffic;
import dev.orderhub.local.sign.CallbackSigner;
import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderIds;
import dev.orderhub.provider.CallbackHandler;
import dev.orderhub.provider.Providers;
import dev.orderhub.site.SiteCache;
import dev.orderhub.site.DynamoSiteRepository;
import dev.orderhub.site.SiteRepository;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The short form of `./orderhub fault` (RELIABILITY.md): a stand-in frozen with SIGSTOP (SQS:
 * made unavailable) in the middle of a load run. AWS calls in the test JVM are bounded
 * (AWS_API_CALL_TIMEOUT_MS in the surefire configuration) so a stall becomes a 503 the sender
 * delivers again, as a provider does. Each run checks that the fault was felt, so that a run in
 * which nothing met the stall cannot pass as one that survived it.
 */
class FaultInjectionProof {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void dynamoDbFrozenMidRunLosesNothingAndTheOperatorReDrivesWhatWasDeadLettered() throws Exception {
        // A payment event dead-lettered by the stall (planted after the thaw, with its consumer's failure record, so
        // that the re-drive path runs in every run).
        AtomicReference<String> site = new AtomicReference<>();
        String txn = "txn-dead-" + UUID.randomUUID();
        FaultRun.Outcome o = FaultRun.run(TestHub.get(), StandIns.Child.DYNAMODB, 150, Duration.ofSeconds(8), System.out,
                clientId -> {
                    site.set(clientId);
                    PaymentEvent e = new PaymentEvent(1, "msg-" + UUID.randomUUID(), "kofi", clientId, txn,
                            EventKind.PAYMENT_SUCCEEDED, Money.ofMinor(500, "EUR"), new PaymentEvent.Buyer("Dee", null), null,
                            List.of(), "Donation", false, Instant.now().toString(), Instant.now().toString(), Map.of(),
                            "application/json", "{}", List.of());
                    DeadLetterIT.deadLettered(dev.orderhub.deadletter.DeadLetters.PAYMENT_EVENTS,
                            "PaymentEventsDeadLetterQueue", Json.write(e));
                });
        o.load().print(System.out);
        System.out.println("dead letters re-driven: " + o.redriven() + "; failed AWS calls: " + o.failedCalls());
        assertThat(o.load().refused5xx() + o.load().timeouts()).as("the stall was felt by callbacks").isPositive();
        assertThat(o.load().gaveUp()).isZero();
        assertThat(o.load().rejected4xx()).isZero();
        assertThat(o.load().lost()).isZero();
        assertThat(o.load().mailsMissing()).isZero();
        assertThat(o.redriven()).as("dead letters the operator re-drove (the planted one at least)").isGreaterThanOrEqualTo(1);
        String clientId = site.get();
        Optional<Order> planted = TestHub.stack().orders().find(clientId, OrderIds.of(clientId, "kofi", txn));
        assertThat(planted).as("the dead-lettered event, re-driven into its order").isPresent();
        // The run counts an order it did not send as duplicated: the planted one is that one order, nothing else is.
        assertThat(o.load().duplicated()).as("orders or refunds twice, besides the planted order").isEqualTo(1);
        String key = TestHub.stack().adminKeys().issue(Set.of(clientId), AdminRole.OWNER, "fault-test").plaintext();
        assertThat(TestHub.get("/admin/sites/" + clientId + "/dead-letters", key).json().get("deadLetters"))
                .as("no dead letter of the run's site is left").isEmpty();
    }

    @Test
    void sesFrozenMidRunFailsSendsThatAreRetriedUntilSentAndDelaysNoOrder() throws Exception {
        FaultRun.Outcome o = FaultRun.run(TestHub.get(), StandIns.Child.SES, 150, Duration.ofSeconds(6), System.out);
        o.load().print(System.out);
        System.out.println("failed AWS calls: " + o.failedCalls());
        long failedSends = o.failedCalls().entrySet().stream().filter(e -> e.getKey().startsWith("Ses "))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(failedSends).as("SES calls that failed: the freeze was felt").isPositive();
        assertThat(o.load().refused5xx()).as("callbacks never touch SES").isZero();
        assertThat(o.load().lost()).isZero();
        assertThat(o.load().duplicated()).isZero();
        assertThat(o.load().mailsMissing()).as("e-mails retried until sent").isZero();
    }

    /**
     * SQS unavailable: a callback cannot be queued, so it is answered 503 (never 2xx) and nothing
     * is stored; the provider's next delivery, after the outage, is accepted and applied. Then the
     * same over a load run: every callback refused during the outage is delivered again, 0 lost.
     */
    @Test
    void sqsUnavailableAnswers503AndTheProvidersRetryLosesNothing() throws Exception {
        JsonNode site = TestHub.newSite("SQS outage");
        String clientId = site.get("clientId").asText();
        String key = site.get("adminKey").asText();
        String token = UUID.randomUUID().toString();
        assertThat(TestHub.putProvider(clientId, "kofi", key, Map.of("verificationToken", token)).status()).isEqualTo(200);
        com.fasterxml.jackson.databind.node.ObjectNode data = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.parse(Samples.read("kofi/donation.json"));
        data.put("verification_token", token);
        data.put("kofi_transaction_id", "txn-sqs-" + UUID.randomUUID());
        data.put("timestamp", Instant.now().toString());
        String form = Requests.form("data", data.toString());
        LocalHub hub = TestHub.get();
        hub.standIns().freeze(StandIns.Child.SQS, true);
        TestHub.Response during;
        try {
            during = TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded", form, Map.of());
        } finally {
            hub.standIns().freeze(StandIns.Child.SQS, false);
        }
        assertThat(during.status()).as(during.body()).isEqualTo(503);
        assertThat(during.json().get("error").get("code").asText()).isEqualTo("TEMPORARILY_UNAVAILABLE");
        Thread.sleep(1500);
        assertThat(TestHub.orders(clientId, key)).as("nothing stored for the refused callback").isEmpty();
        TestHub.Response again = TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded", form,
                Map.of());
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(TestHub.await(() -> TestHub.orders(clientId, key), l -> l.size() == 1, WAIT)).hasSize(1);

        FaultRun.Outcome o = FaultRun.run(hub, StandIns.Child.SQS, 150, Duration.ofSeconds(4), System.out);
        o.load().print(System.out);
        assertThat(o.load().refused5xx()).as("callbacks refused while SQS was unavailable").isPositive();
        assertThat(o.load().gaveUp()).isZero();
        assertThat(o.load().rejected4xx()).isZero();
        assertThat(o.load().lost()).isZero();
        assertThat(o.load().duplicated()).isZero();
        assertThat(o.load().mailsMissing()).isZero();
    }

    /**
     * With the per-container site cache on (as on Lambda; the rest of the suite turns it off), a
     * warm container needs no DynamoDB to accept a callback: while the table is frozen every
     * callback of a site it has seen is verified, queued and answered 2xx, and all of it is applied
     * after the thaw. The delivery log cannot be written meanwhile: that changes no answer.
     */
    @Test
    void withTheSiteCacheOnWarmCallbacksAreAcceptedWhileDynamoDbIsFrozen() throws Exception {
        LocalHub hub = TestHub.get();
        dev.orderhub.runtime.Stack h = TestHub.stack();
        String clientId = "site_cachefault" + Long.toString(System.nanoTime(), 36);
        h.sites().create(clientId, "Cache fault");
        DemoSite.configureProviders(h.sites(), clientId);
        SiteRepository cached = new DynamoSiteRepository(hub.dynamoDb(), hub.tableName("HubTable"), new SiteCache(Duration.ofSeconds(10)),
                h.sealer());
        Map<String, CallbackHandler> handlers = new HashMap<>();
        // With the delivery log as a container has it (one): its writes reach the frozen table too.
        dev.orderhub.delivery.DeliveryLog log = h.deliveryLog();
        for (String p : LoadTraffic.PROVIDERS) {
            handlers.put(p, new CallbackHandler(Providers.REGISTRY.find(p).orElseThrow(), cached, h.eventQueue(),
                    h.config().maxCallbackBytes(), h.clock(), log));
        }
        List<LoadTraffic.Delivery> deliveries = LoadTraffic.generate(clientId, 80, LoadTraffic.PROVIDERS, 11);
        // Warm the container: one callback of each provider before the freeze.
        Map<String, LoadTraffic.Delivery> warmUp = new LinkedHashMap<>();
        deliveries.forEach(d -> warmUp.putIfAbsent(d.provider(), d));
        List<LoadTraffic.Delivery> accepted = new ArrayList<>();
        for (LoadTraffic.Delivery d : warmUp.values()) {
            assertThat(send(handlers, clientId, d).getStatusCode()).as("warm-up " + d.provider()).isBetween(200, 299);
            accepted.add(d);
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        hub.standIns().freeze(StandIns.Child.DYNAMODB, true);
        try {
            for (LoadTraffic.Delivery d : deliveries) {
                if (warmUp.containsValue(d)) {
                    continue;
                }
                int status = send(handlers, clientId, d).getStatusCode();
                statuses.merge(status, 1, Integer::sum);
                if (status < 200 || status > 299) {
                    break; // one is enough to fail; each would wait for the frozen table's timeout
                }
                accepted.add(d);
            }
        } finally {
            hub.standIns().freeze(StandIns.Child.DYNAMODB, false);
        }
        System.out.println("callbacks answered while DynamoDB was frozen, site cache on: " + statuses);
        assertThat(statuses.keySet()).as("answers while DynamoDB was frozen (Xsolla's success is 204)")
                .allMatch(status -> status >= 200 && status < 300);
        // After the thaw every accepted event is applied to its order.
        List<String> missing = TestHub.await(() -> notApplied(clientId, accepted), List::isEmpty, WAIT);
        assertThat(missing).as("accepted events not in their orders").isEmpty();
    }

    private static List<String> notApplied(String clientId, List<LoadTraffic.Delivery> accepted) {
        List<String> out = new ArrayList<>();
        for (LoadTraffic.Delivery d : accepted) {
            for (PaymentEvent e : d.events()) {
                Optional<Order> o = TestHub.stack().orders().find(clientId, OrderIds.of(clientId, e.provider(), e.orderRef()));
                if (o.isEmpty() || !o.get().hasApplied(e.eventId())) {
                    out.add(e.eventId());
                }
            }
        }
        return out;
    }

    private static APIGatewayV2HTTPResponse send(Map<String, CallbackHandler> handlers, String clientId, LoadTraffic.Delivery d) {
        CallbackSigner.Signed s = d.sign(Instant.now());
        Map<String, String> headers = new HashMap<>(s.headers());
        headers.put("content-type", s.contentType());
        String path = "/callbacks/" + d.provider() + "/" + clientId;
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("POST /callbacks/"
                        + d.provider() + "/{clientId}").withRawPath(path).withHeaders(headers)
                .withPathParameters(Map.of("clientId", clientId))
                .withBody(Base64.getEncoder().encodeToString(s.body().getBytes(StandardCharsets.UTF_8))).withIsBase64Encoded(true)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath(path)
                                .withSourceIp("198.51.100.7").build()).build())
                .build();
        return ApiGateway.response(handlers.get(d.provider()).handle(ApiGateway.request(event)));
    }
}

package dev.orderhub.local.load;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.local.DemoSite;
import dev.orderhub.local.LambdaFunctions;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.SamTemplate;
import dev.orderhub.local.sign.CallbackSigner;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderIds;
import dev.orderhub.order.OrderRepository;
import dev.orderhub.runtime.Hub;
import java.io.IOException;
import java.net.URI;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A load run through a running {@link LocalHub}: a fresh site, {@link LoadTraffic}'s callbacks
 * sent over loopback HTTP by a fixed number of concurrent senders that behave like providers
 * (a 5xx or a timeout is delivered again, a bounded number of times), then a wait until every
 * accepted event is applied, then the check against the store: every accepted event in its
 * order (else lost), no order, refund or e-mail more than once (else duplicated).
 */
public final class LoadRun {
    /**
     * @param callbacks deliveries in all
     * @param concurrency concurrent senders
     * @param maxAttempts deliveries of one callback at most (the provider's retries)
     * @param drain how long to wait for the pipeline to apply everything accepted
     */
    public record Options(int callbacks, int concurrency, List<String> providers, int maxAttempts, Duration drain) {
        public static Options of(int callbacks) {
            return new Options(callbacks, 8, LoadTraffic.PROVIDERS, 8, Duration.ofSeconds(60 + callbacks / 10));
        }

        public Options withProviders(List<String> p) {
            return new Options(callbacks, concurrency, p, maxAttempts, drain);
        }
    }

    private final LocalHub hub;
    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();
    private final AtomicInteger dispatched = new AtomicInteger();
    private final Map<String, Long> firstSent = new ConcurrentHashMap<>();
    private final Map<String, Long> applied = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> lambdaNanos = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> lambdaMillisBilled = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> invocations = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> callbackLatencies = new ConcurrentLinkedQueue<>();
    private final LongAdder refused5xx = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder rejected4xx = new LongAdder();
    private final LongAdder gaveUp = new LongAdder();
    private final Set<String> acceptedEvents = ConcurrentHashMap.newKeySet();
    private volatile String clientId;

    public LoadRun(LocalHub hub, Options options) {
        this.hub = hub;
        this.options = options;
    }

    /** Deliveries handed to a sender so far (fault injection waits on this). */
    public int dispatched() {
        return dispatched.get();
    }

    /** The run's own site, once {@link #run()} created it. */
    public String clientId() {
        return clientId;
    }

    public LoadResult run() throws InterruptedException {
        String clientId = "site_load" + Long.toString(System.nanoTime(), 36);
        this.clientId = clientId;
        Hub.get().sites().create(clientId, "Load run");
        DemoSite.configureProviders(Hub.get().sites(), clientId);
        List<LoadTraffic.Delivery> deliveries = LoadTraffic.generate(clientId, options.callbacks(), options.providers(),
                42);
        String matcher = hub.template().sqsSources().stream().map(SamTemplate.SqsSource::functionId).findFirst().orElseThrow();
        LambdaFunctions.InvocationListener listener = (id, event, response, nanos) -> observe(matcher, id, event, response, nanos);
        hub.functions().addListener(listener);
        Map<String, Long> callsBefore = SdkCallCounter.snapshot();
        try {
            long start = System.nanoTime();
            ExecutorService senders = Executors.newFixedThreadPool(options.concurrency());
            AtomicInteger next = new AtomicInteger();
            for (int t = 0; t < options.concurrency(); t++) {
                senders.submit(() -> {
                    for (int i = next.getAndIncrement(); i < deliveries.size(); i = next.getAndIncrement()) {
                        dispatched.incrementAndGet();
                        deliver(clientId, deliveries.get(i));
                    }
                });
            }
            senders.shutdown();
            senders.awaitTermination(1, TimeUnit.HOURS);
            long sentDone = System.nanoTime();
            awaitApplied(options.drain());
            long drained = System.nanoTime();
            Check check = check(clientId, deliveries);
            awaitQuiet(); // the workflow runs (the thank-you e-mails) finish after their events were applied
            Map<String, Long> calls = SdkCallCounter.since(callsBefore);
            return new LoadResult(deliveries.size(), options.concurrency(), acceptedEvents.size(),
                    (sentDone - start) / 1e9, (drained - start) / 1e9, sorted(callbackLatencies), endToEnd(),
                    refused5xx.sum(), timeouts.sum(), rejected4xx.sum(), gaveUp.sum(),
                    check.lost, check.duplicated, check.mailsExpected, check.mailsMissing, check.mailsRepeated, check.orders,
                    calls, snapshot(invocations), snapshot(lambdaNanos), snapshot(lambdaMillisBilled));
        } finally {
            hub.functions().removeListener(listener);
        }
    }

    /** One callback as a provider delivers it: again after a 5xx or a timeout, up to maxAttempts. */
    private void deliver(String clientId, LoadTraffic.Delivery d) {
        long first = System.nanoTime();
        for (PaymentEvent e : d.events()) {
            firstSent.putIfAbsent(e.eventId(), first);
        }
        for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
            CallbackSigner.Signed signed = d.sign(Instant.now());
            HttpRequest.Builder b = HttpRequest.newBuilder(hub.baseUrl().resolve("/callbacks/" + d.provider() + "/" + clientId))
                    .timeout(Duration.ofSeconds(60))
                    .header("content-type", signed.contentType())
                    .POST(HttpRequest.BodyPublishers.ofString(signed.body()));
            signed.headers().forEach(b::header);
            long t0 = System.nanoTime();
            int status;
            try {
                status = http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                timeouts.increment();
                backoff(attempt);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (status >= 200 && status < 300) {
                callbackLatencies.add(System.nanoTime() - t0);
                d.events().forEach(e -> acceptedEvents.add(e.eventId()));
                return;
            }
            if (status < 500) {
                rejected4xx.increment();
                return;
            }
            refused5xx.increment();
            backoff(attempt);
        }
        gaveUp.increment();
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(Math.min(5000, 250L * attempt * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The matcher's invocations: which events it applied (messages not reported as failed), and Lambda time. */
    private void observe(String matcher, String id, Object event, Object response, long nanos) {
        invocations.computeIfAbsent(id, k -> new LongAdder()).increment();
        lambdaNanos.computeIfAbsent(id, k -> new LongAdder()).add(nanos);
        lambdaMillisBilled.computeIfAbsent(id, k -> new LongAdder()).add(Math.max(1, (nanos + 999_999) / 1_000_000));
        if (!id.equals(matcher) || !(event instanceof SQSEvent sqs) || response == null) {
            return; // a matcher that threw applied nothing we can count on; its batch comes back
        }
        Set<String> failed = new HashSet<>();
        if (response instanceof SQSBatchResponse r && r.getBatchItemFailures() != null) {
            r.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
        }
        long now = System.nanoTime();
        for (SQSEvent.SQSMessage m : sqs.getRecords()) {
            if (!failed.contains(m.getMessageId())) {
                JsonNode body = Json.parse(m.getBody());
                applied.putIfAbsent(body.get("eventId").asText(), now);
            }
        }
    }

    /** Until no function was invoked for a second (at most 30 s): the work the events caused is done. */
    private void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long last = -1;
        int quiet = 0;
        while (quiet < 4 && System.nanoTime() < deadline) {
            long now = invocations.values().stream().mapToLong(LongAdder::sum).sum();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
            Thread.sleep(250);
        }
    }

    private void awaitApplied(Duration drain) throws InterruptedException {
        long deadline = System.nanoTime() + drain.toNanos();
        while (System.nanoTime() < deadline && !applied.keySet().containsAll(acceptedEvents)) {
            Thread.sleep(50);
        }
    }

    private record Check(long lost, long duplicated, long mailsExpected, long mailsMissing, long mailsRepeated, long orders) {}

    /** The store, not the pipeline's word for it: every accepted event in its order, nothing twice. */
    private Check check(String clientId, List<LoadTraffic.Delivery> deliveries) throws InterruptedException {
        OrderRepository orders = Hub.get().orders();
        Map<String, Set<String>> expectedEvents = new HashMap<>();
        Map<String, Long> expectedRefunds = new HashMap<>();
        Map<String, String> emailOf = new HashMap<>();
        Set<String> mailed = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (LoadTraffic.Delivery d : deliveries) {
            for (PaymentEvent e : d.events()) {
                if (!acceptedEvents.contains(e.eventId()) || !seen.add(e.eventId())) {
                    continue;
                }
                String orderId = OrderIds.of(clientId, e.provider(), e.orderRef());
                expectedEvents.computeIfAbsent(orderId, k -> new HashSet<>()).add(e.eventId());
                if (e.kind() == EventKind.REFUNDED) {
                    expectedRefunds.merge(orderId, e.amount().minor(), Long::sum);
                }
                if (e.kind() == EventKind.PAYMENT_SUCCEEDED && LoadTraffic.AUTO_REPLY.contains(d.provider())) {
                    mailed.add(d.buyerEmail());
                }
                emailOf.put(orderId, d.buyerEmail());
            }
        }
        long lost = 0;
        long duplicated = 0;
        for (var entry : expectedEvents.entrySet()) {
            Optional<Order> order = orders.find(clientId, entry.getKey());
            if (order.isEmpty()) {
                lost += entry.getValue().size();
                continue;
            }
            for (String eventId : entry.getValue()) {
                if (!order.get().hasApplied(eventId)) {
                    lost++;
                }
            }
            if (order.get().refundedMinor() > expectedRefunds.getOrDefault(entry.getKey(), 0L)) {
                duplicated++;
            }
        }
        long listed = 0;
        String cursor = null;
        do {
            OrderRepository.Page page = orders.listBySite(clientId, 100, cursor);
            listed += page.orders().size();
            cursor = page.next();
        } while (cursor != null);
        duplicated += Math.max(0, listed - expectedEvents.size());

        Map<String, Integer> mails = awaitMails(mailed);
        long missing = 0;
        long repeated = 0;
        for (String to : mailed) {
            int n = mails.getOrDefault(to, 0);
            if (n == 0) {
                missing++;
            } else if (n > 1) {
                repeated += n - 1;
            }
        }
        return new Check(lost, duplicated, mailed.size(), missing, repeated, listed);
    }

    /**
     * E-mails per recipient at the SES stand-in, once all expected ones arrived, or 30 s passed and
     * no workflow run is left on its queue. A run whose runner died holding its lease is postponed
     * until the lease ends (RetryLater), so the wait follows the queue, up to the lease and a minute.
     */
    private Map<String, Integer> awaitMails(Set<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long hardDeadline = System.nanoTime() + dev.orderhub.runtime.Hub.get().config().workflowRunLease().plusMinutes(1).toNanos();
        Map<String, Integer> counts = new HashMap<>();
        while (true) {
            counts.clear();
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create(hub.mailUrl().toString())).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                for (JsonNode m : Json.parse(body).get("emails")) {
                    for (JsonNode t : m.get("destination").get("to")) {
                        counts.merge(t.asText(), 1, Integer::sum);
                    }
                }
            } catch (IOException e) {
                // SES stand-in busy or stopped: try again until the deadline
            }
            long now = System.nanoTime();
            if (counts.keySet().containsAll(expected) || now > hardDeadline
                    || (now > deadline && runsInQueue() == 0)) {
                return counts;
            }
            Thread.sleep(200);
        }
    }

    /** Workflow runs on their queue, visible or in flight (a postponed one is in flight). */
    private int runsInQueue() {
        var a = hub.sqs().getQueueAttributes(r -> r.queueUrl(hub.queueUrl("WorkflowRunsQueue")).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private long[] endToEnd() {
        List<Long> out = new ArrayList<>();
        for (String eventId : acceptedEvents) {
            Long done = applied.get(eventId);
            Long sent = firstSent.get(eventId);
            if (done != null && sent != null) {
                out.add(done - sent);
            }
        }
        return sorted(out);
    }

    private static long[] sorted(Iterable<Long> values) {
        List<Long> list = new ArrayList<>();
        values.forEach(list::add);
        return list.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> m) {
        Map<String, Long> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}

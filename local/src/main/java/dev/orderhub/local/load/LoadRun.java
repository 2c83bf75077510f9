package dev.orderhub.local.load;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.local.DemoSite;
import dev.orderhub.local.LambdaFunctions;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.SamTemplate;
import dev.orderhub.local.sign.CallbackSigner;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderRepository;
import java.io.IOException;
import java.net.URI;
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
 * accepted event is applied and every queue is quiet, then the check of the store and the SES
 * stand-in against the traffic's answer key ({@link LoadTraffic.Sent}): every accepted payment an
 * order of its buyer with its amount, every accepted refund counted (else lost), no order, refund
 * or e-mail more than once (else duplicated).
 *
 * <p>Unpaced (the default), the senders send as fast as the hub answers: a burst whose callbacks
 * outrun the pipeline, so the end-to-end latency is mostly time in the queue. Paced
 * ({@link Options#rate}), delivery i is due {@code i / rate} seconds after the start and its
 * end-to-end latency counts from then, not from when a sender got round to it: a sender that
 * falls behind shows as latency, it does not hide it.
 */
public final class LoadRun {
    /**
     * @param callbacks deliveries in all
     * @param concurrency concurrent senders
     * @param maxAttempts deliveries of one callback at most (the provider's retries)
     * @param drain how long to wait for the pipeline to apply everything accepted
     * @param rate callbacks offered per second, evenly spaced; 0 for as fast as the senders go
     */
    public record Options(int callbacks, int concurrency, List<String> providers, int maxAttempts, Duration drain,
            double rate, int warmup) {
        public Options {
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("rate must be a finite number of callbacks per second >= 0, not " + rate);
            }
            if (warmup < 0) {
                throw new IllegalArgumentException("warm-up must be 0 or more callbacks, not " + warmup);
            }
        }

        /** Unpaced, no warm-up. */
        public Options(int callbacks, int concurrency, List<String> providers, int maxAttempts, Duration drain) {
            this(callbacks, concurrency, providers, maxAttempts, drain, 0, 0);
        }

        public static Options of(int callbacks) {
            return new Options(callbacks, 8, LoadTraffic.PROVIDERS, 8, Duration.ofSeconds(60 + callbacks / 10));
        }

        public Options withProviders(List<String> p) {
            return new Options(callbacks, concurrency, p, maxAttempts, drain, rate, warmup);
        }

        /** Paced at {@code perSecond} callbacks a second (0: unpaced). */
        public Options withRate(double perSecond) {
            return new Options(callbacks, concurrency, providers, maxAttempts, drain, perSecond, warmup);
        }

        /**
         * First {@code n} callbacks of the same mix, unpaced, on a site of their own, applied and
         * checked but not counted: what a measured run then sees is the hub at work, not the JVM
         * compiling it (0: the measured run starts on a cold JVM).
         */
        public Options withWarmup(int n) {
            return new Options(callbacks, concurrency, providers, maxAttempts, drain, rate, n);
        }

        public boolean paced() {
            return rate > 0;
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
    private final ConcurrentLinkedQueue<LoadTraffic.Delivery> accepted = new ConcurrentLinkedQueue<>();
    private volatile String clientId;
    private volatile java.io.PrintStream progress;
    private volatile Duration progressEvery = Duration.ofSeconds(5);
    private volatile boolean warmedUp;
    private volatile boolean pipelinePaused;

    public LoadRun(LocalHub hub, Options options) {
        this.hub = hub;
        this.options = options;
    }

    /**
     * While {@link #run()} runs, a line every {@code every} on {@code out} with what was sent, accepted and
     * applied so far: the long commands (load, fault, costs) are not silent until their report.
     */
    public LoadRun printingProgress(java.io.PrintStream out, Duration every) {
        this.progress = out;
        this.progressEvery = every;
        return this;
    }

    /** What the run has done so far, in one line. */
    public String progressLine(long startNanos) {
        return String.format(java.util.Locale.ROOT, "load: %.0f s, sent %d/%d, accepted %d, applied %d, 5xx %d, timeouts %d",
                (System.nanoTime() - startNanos) / 1e9, dispatched.get(), options.callbacks(), acceptedEvents.size(),
                applied.size(), refused5xx.sum(), timeouts.sum());
    }

    /** Deliveries handed to a sender so far (fault injection waits on this). */
    public int dispatched() {
        return dispatched.get();
    }

    /** The run's own site, once {@link #run()} created it. */
    public String clientId() {
        return clientId;
    }

    /**
     * While the callbacks are sent every queue consumer is paused (an event source mapping
     * disabled), and resumed once they are all answered: the callbacks' rate is then the intake's
     * alone, not shared with the pipeline. The run still waits for everything and checks it.
     */
    public LoadRun pausingPipelineWhileSending() {
        this.pipelinePaused = true;
        return this;
    }

    /** Sends, applies and checks, after the warm-up when {@link Options#warmup} asks for one and it has not run yet. */
    public LoadResult run() throws InterruptedException {
        if (options.warmup() > 0 && !warmedUp) {
            warmUp();
        }
        String clientId = "site_load" + Long.toString(System.nanoTime(), 36);
        this.clientId = clientId;
        Map<String, Long> stored = OrderStoredClock.watch(clientId);
        hub.stack().sites().create(clientId, "Load run");
        DemoSite.configureProviders(hub.stack().sites(), clientId);
        hub.stack().thankYouWorkflow().install(clientId); // as the admin API does for a new site: the thank-you e-mails
        List<LoadTraffic.Delivery> deliveries = LoadTraffic.generate(clientId, options.callbacks(), options.providers(),
                42);
        String paymentEvents = hub.template().sqsSources().stream().map(SamTemplate.SqsSource::functionId).findFirst().orElseThrow();
        LambdaFunctions.InvocationListener listener = (id, event, response, nanos) -> observe(paymentEvents, id, event, response, nanos);
        hub.functions().addListener(listener);
        Map<String, Long> callsBefore = SdkCallCounter.snapshot();
        long start = System.nanoTime();
        java.util.concurrent.ScheduledExecutorService ticker = null;
        java.io.PrintStream out = progress;
        if (out != null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "load-progress");
                t.setDaemon(true);
                return t;
            });
            long every = progressEvery.toMillis();
            ticker.scheduleAtFixedRate(() -> out.println(progressLine(start)), every, every, TimeUnit.MILLISECONDS);
        }
        if (pipelinePaused) {
            hub.pauseConsumers(true);
        }
        try {
            ExecutorService senders = Executors.newFixedThreadPool(options.concurrency());
            AtomicInteger next = new AtomicInteger();
            long spacing = options.paced() ? Math.round(1e9 / options.rate()) : 0;
            for (int t = 0; t < options.concurrency(); t++) {
                senders.submit(() -> {
                    for (int i = next.getAndIncrement(); i < deliveries.size(); i = next.getAndIncrement()) {
                        long due = start + i * spacing;
                        if (spacing > 0 && !sleepUntil(due)) {
                            return;
                        }
                        dispatched.incrementAndGet();
                        deliver(clientId, deliveries.get(i), spacing > 0 ? due : System.nanoTime());
                    }
                });
            }
            senders.shutdown();
            senders.awaitTermination(1, TimeUnit.HOURS);
            long sentDone = System.nanoTime();
            if (pipelinePaused) {
                hub.pauseConsumers(false);
            }
            awaitApplied(options.drain());
            long drained = System.nanoTime();
            // The workflow runs (the thank-you e-mails) finish after their events were applied: count
            // nothing before every queue is quiet (a run postponed behind a lease is still queued).
            Duration quietWithin = hub.stack().config().workflowRunLease().plus(options.drain())
                    .plus(hub.stack().workflowConfig().sendEventWait());
            try {
                // A run whose e-mail's outcome is unknown comes back after the wait for SES's Send event.
                hub.awaitQuiet(Duration.ofSeconds(2), quietWithin);
                System.err.printf(java.util.Locale.ROOT, "load run: every queue empty (in flight and delayed included) for 2 s "
                        + "after %.1f s of waiting (at most %d s); checking%n", (System.nanoTime() - drained) / 1e9, quietWithin.toSeconds());
            } catch (IllegalStateException notQuiet) {
                System.err.println("load run: " + notQuiet.getMessage() + "; checking anyway");
            }
            System.err.printf(java.util.Locale.ROOT, "load run: dead letters waiting: %d events, %d workflow runs%n",
                    hub.queueDepth("PaymentEventsDeadLetterQueue"), hub.queueDepth("WorkflowRunsDeadLetterQueue"));
            Check check = check(clientId);
            Map<String, Long> calls = SdkCallCounter.since(callsBefore);
            return new LoadResult(deliveries.size(), options.concurrency(), options.rate(), acceptedEvents.size(),
                    (sentDone - start) / 1e9, (drained - start) / 1e9, sorted(callbackLatencies), endToEnd(stored),
                    endToEnd(applied), options.warmup(),
                    refused5xx.sum(), timeouts.sum(), rejected4xx.sum(), gaveUp.sum(),
                    check.lost, check.duplicated, check.mailsExpected, check.mailsMissing, check.mailsRepeated, check.orders,
                    calls, snapshot(invocations), snapshot(lambdaNanos), snapshot(lambdaMillisBilled));
        } finally {
            if (pipelinePaused) {
                hub.pauseConsumers(false);
            }
            OrderStoredClock.unwatch(clientId);
            hub.functions().removeListener(listener);
            if (ticker != null) {
                ticker.shutdownNow();
            }
        }
    }

    /** Sleeps until System.nanoTime() reaches {@code due}; false when interrupted. */
    private static boolean sleepUntil(long due) {
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * One callback as a provider delivers it: again after a 5xx or a timeout, up to maxAttempts.
     * {@code first} is when it was due (paced) or is sent (unpaced): its events' end-to-end start.
     */
    private void deliver(String clientId, LoadTraffic.Delivery d, long first) {
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
                accepted.add(d);
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

    /** The payment-events function's invocations: which events it applied (messages not reported as failed), and Lambda time. */
    private void observe(String paymentEvents, String id, Object event, Object response, long nanos) {
        invocations.computeIfAbsent(id, k -> new LongAdder()).increment();
        lambdaNanos.computeIfAbsent(id, k -> new LongAdder()).add(nanos);
        lambdaMillisBilled.computeIfAbsent(id, k -> new LongAdder()).add(Math.max(1, (nanos + 999_999) / 1_000_000));
        if (!id.equals(paymentEvents) || !(event instanceof SQSEvent sqs) || response == null) {
            return; // an invocation that threw applied nothing we can count on; its batch comes back
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

    private void awaitApplied(Duration drain) throws InterruptedException {
        long deadline = System.nanoTime() + drain.toNanos();
        while (System.nanoTime() < deadline && !applied.keySet().containsAll(acceptedEvents)) {
            Thread.sleep(50);
        }
    }

    private record Check(long lost, long duplicated, long mailsExpected, long mailsMissing, long mailsRepeated, long orders) {}

    /**
     * The store and the SES stand-in against the answer key of the deliveries that were accepted
     * (a 2xx): the orders of the site grouped by buyer (each purchase has its own address).
     */
    private Check check(String clientId) throws InterruptedException {
        Map<String, Long> paid = new HashMap<>();
        Map<String, Set<String>> refunds = new HashMap<>();
        Set<String> mailed = new HashSet<>();
        for (LoadTraffic.Delivery d : accepted) {
            if (d.sent().refund()) {
                refunds.computeIfAbsent(d.buyerEmail(), k -> new HashSet<>()).add(d.sent().refundId());
            } else {
                paid.put(d.buyerEmail(), d.sent().amountMinor());
                if (LoadTraffic.AUTO_REPLY.contains(d.provider())) {
                    mailed.add(d.buyerEmail());
                }
            }
        }
        Map<String, List<Order>> byBuyer = new HashMap<>();
        long listed = 0;
        String cursor = null;
        do {
            OrderRepository.Page page = hub.stack().orders().listBySite(clientId, 100, cursor);
            for (Order o : page.orders()) {
                byBuyer.computeIfAbsent(String.valueOf(o.buyerEmail()), k -> new ArrayList<>()).add(o);
            }
            listed += page.orders().size();
            cursor = page.next();
        } while (cursor != null);

        long lost = 0;
        long duplicated = 0;
        for (var p : paid.entrySet()) {
            List<Order> found = byBuyer.getOrDefault(p.getKey(), List.of());
            long refundedMinor = LoadTraffic.REFUND_MINOR * refunds.getOrDefault(p.getKey(), Set.of()).size();
            if (found.isEmpty()) {
                lost += 1 + refunds.getOrDefault(p.getKey(), Set.of()).size();
                continue;
            }
            duplicated += found.size() - 1;
            Order o = found.get(0);
            if (o.amount() == null || o.amount().minor() != p.getValue() || !o.status().isPaidOrLater()) {
                lost++; // the payment is not what the order shows
            }
            if (o.refundedMinor() < refundedMinor) {
                lost += (refundedMinor - o.refundedMinor() + LoadTraffic.REFUND_MINOR - 1) / LoadTraffic.REFUND_MINOR;
            } else if (o.refundedMinor() > refundedMinor) {
                duplicated += (o.refundedMinor() - refundedMinor + LoadTraffic.REFUND_MINOR - 1) / LoadTraffic.REFUND_MINOR;
            }
        }
        for (var b : byBuyer.entrySet()) {
            if (!paid.containsKey(b.getKey())) {
                duplicated += b.getValue().size(); // an order no accepted payment accounts for
            }
        }

        Map<String, List<String>> mails = mailsPerRecipient();
        long missing = 0;
        long repeated = 0;
        for (String to : mailed) {
            int n = mails.getOrDefault(to, List.of()).size();
            if (n == 0) {
                missing++;
            } else if (n > 1) {
                repeated += n - 1;
            }
            if (n != 1) {
                traceMail(clientId, to, mails.getOrDefault(to, List.of()), byBuyer.getOrDefault(to, List.of()));
            }
        }
        return new Check(lost, duplicated, mailed.size(), missing, repeated, listed);
    }

    /**
     * Names a buyer who got no thank-you or more than one, with what the stand-in holds for them
     * and their order's thank-you run as recorded, so that the run's log lines (its runId, the
     * e-mails' messageIds) can be found in the log.
     */
    private void traceMail(String clientId, String to, List<String> sent, List<Order> orders) {
        StringBuilder line = new StringBuilder("load run: ").append(sent.isEmpty() ? "no e-mail" : sent.size() + " e-mails")
                .append(" to ").append(to).append(": ").append(sent);
        for (Order o : orders) {
            line.append("; order ").append(o.orderId()).append(" ").append(o.status());
            hub.stack().workflowRuns().findForOrder(clientId, dev.orderhub.workflow.ThankYouWorkflow.ID, "order.paid", o.orderId(),
                    o.appliedEvents()).ifPresentOrElse(r -> line.append(", run ").append(r.runId()).append(" ").append(r.state())
                            .append(" attempts ").append(r.attempts()).append(" results ").append(r.results())
                            .append(" send events ").append(r.sendEvents()),
                    () -> line.append(", no thank-you run"));
        }
        System.err.println(line);
    }

    /** The e-mails per recipient at the SES stand-in ("messageId at time"), read once (after the queues are quiet). */
    private Map<String, List<String>> mailsPerRecipient() throws InterruptedException {
        Map<String, List<String>> counts = new HashMap<>();
        for (int attempt = 1; ; attempt++) {
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create(hub.mailUrl().toString())).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                for (JsonNode m : Json.parse(body).get("emails")) {
                    for (JsonNode t : m.get("destination").get("to")) {
                        counts.computeIfAbsent(t.asText(), k -> new ArrayList<>())
                                .add(m.path("messageId").asText() + " at " + m.path("at").asText());
                    }
                }
                return counts;
            } catch (IOException e) {
                if (attempt == 5) {
                    throw new java.io.UncheckedIOException("the SES stand-in did not answer", e);
                }
                Thread.sleep(500);
            }
        }
    }

    /**
     * The warm-up: the same mix on a site of its own, sent, applied and checked like a measured
     * run, so that a run that loses or duplicates something while the JVM is cold fails too.
     */
    public void warmUp() throws InterruptedException {
        warmedUp = true;
        int n = options.warmup();
        java.io.PrintStream out = progress != null ? progress : System.err;
        out.printf(java.util.Locale.ROOT, "load: warm-up, %d callbacks on a site of their own (not counted)...%n", n);
        long t0 = System.nanoTime();
        LoadResult w = new LoadRun(hub, new Options(n, options.concurrency(), options.providers(), options.maxAttempts(),
                Duration.ofSeconds(60 + n / 10), 0, 0)).run();
        out.printf(java.util.Locale.ROOT, "load: warm-up done in %.1f s (%.1f callbacks/s, all applied after %.1f s); measuring%n",
                (System.nanoTime() - t0) / 1e9, w.callbacksPerSecond(), w.totalSeconds());
        if (!w.ok()) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                    "the warm-up lost %d, duplicated %d, e-mails missing %d or twice %d", w.lost(), w.duplicated(),
                    w.mailsMissing(), w.mailsRepeated()));
        }
    }

    /** From each accepted event's first sending to {@code done}'s time for it (stored, or its batch returned). */
    private long[] endToEnd(Map<String, Long> doneAt) {
        List<Long> out = new ArrayList<>();
        for (String eventId : acceptedEvents) {
            Long done = doneAt.get(eventId);
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

package dev.orderhub.local.load;

import dev.orderhub.admin.AdminKeys;
import dev.orderhub.admin.AdminRole;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.StandIns;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A load run with a stand-in frozen (SIGSTOP) in the middle of it and thawed after a while, and
 * an operator who re-drives the dead-letter queue through the admin API whenever it has
 * messages. Callbacks that meet the stall are answered 5xx (or time out) and delivered again by
 * the sender, as providers do; the run then checks the store like any load run.
 */
public final class FaultRun {
    /** AWS calls give up after this (SDK retries included), so a stall becomes a prompt 503. */
    public static final String API_CALL_TIMEOUT_MS = "2000";
    private static final String SEND_EVENT_WAIT = "MAIL_SEND_EVENT_WAIT_SECONDS";

    /**
     * @param redriven dead letters the operator re-drove through the admin API
     * @param failedCalls "service operation" → AWS calls that failed during the run (the stall as the hub felt it)
     */
    public record Outcome(LoadResult load, long redriven, double frozenSeconds, Map<String, Long> failedCalls) {
        public long failed(String serviceOperation) {
            return failedCalls.getOrDefault(serviceOperation, 0L);
        }
    }

    private FaultRun() {}

    /** Local mode for a fault run: AWS calls bounded by {@link #API_CALL_TIMEOUT_MS}. Set before the hub starts. */
    public static void boundAwsCalls() {
        System.setProperty("AWS_API_CALL_TIMEOUT_MS", API_CALL_TIMEOUT_MS);
        System.setProperty("AWS_SOCKET_TIMEOUT_MS", API_CALL_TIMEOUT_MS);
    }

    public static Outcome run(LocalHub hub, StandIns.Child child, int callbacks, Duration frozenFor, PrintStream progress)
            throws Exception {
        return run(hub, child, callbacks, frozenFor, progress, clientId -> { });
    }

    /**
     * @param afterThaw called with the run's site once the stand-in is thawed, before the operator starts
     *     re-driving (a test plants there a dead letter as the stall would have left it)
     */
    public static Outcome run(LocalHub hub, StandIns.Child child, int callbacks, Duration frozenFor, PrintStream progress,
            java.util.function.Consumer<String> afterThaw) throws Exception {
        LoadRun.Options o = LoadRun.Options.of(callbacks);
        LoadRun load = new LoadRun(hub, new LoadRun.Options(o.callbacks(), o.concurrency(), o.providers(), 40,
                o.drain().plus(frozenFor).plusSeconds(60))).printingProgress(progress, Duration.ofSeconds(5));
        AtomicLong redriven = new AtomicLong();
        AtomicLong frozenNanos = new AtomicLong();
        Thread fault = new Thread(() -> {
            try {
                while (load.dispatched() < callbacks / 4) {
                    Thread.sleep(20);
                }
                long t0 = System.nanoTime();
                hub.standIns().freeze(child, true);
                try {
                    progress.printf(Locale.ROOT, "fault: %s frozen after %d callbacks%n", child, load.dispatched());
                    Thread.sleep(frozenFor.toMillis());
                } finally {
                    hub.standIns().freeze(child, false);
                }
                frozenNanos.set(System.nanoTime() - t0);
                progress.printf(Locale.ROOT, "fault: %s thawed after %.1f s%n", child, frozenNanos.get() / 1e9);
                afterThaw.accept(load.clientId());
                operator(hub, load, redriven);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "fault-injector");
        fault.setDaemon(true);
        Map<String, Long> failuresBefore = SdkCallCounter.failures();
        fault.start();
        try {
            LoadResult result = load.run();
            Map<String, Long> failed = new java.util.TreeMap<>();
            SdkCallCounter.failures().forEach((k, v) -> {
                if (v > failuresBefore.getOrDefault(k, 0L)) {
                    failed.put(k, v - failuresBefore.getOrDefault(k, 0L));
                }
            });
            return new Outcome(result, redriven.get(), frozenNanos.get() / 1e9, failed);
        } finally {
            fault.interrupt();
            hub.standIns().freeze(child, false);
        }
    }

    /** Re-drives the site's dead letters through the admin API whenever there are any, until interrupted. */
    private static void operator(LocalHub hub, LoadRun load, AtomicLong redriven) throws Exception {
        String key = hub.stack().adminKeys().issue(Set.of(load.clientId()), AdminRole.OWNER, "fault-run").plaintext();
        HttpClient http = HttpClient.newHttpClient();
        List<String> dlqs = List.of(hub.queueUrl("PaymentEventsDeadLetterQueue"), hub.queueUrl("WorkflowRunsDeadLetterQueue"));
        while (!Thread.currentThread().isInterrupted()) {
            int waiting = 0;
            for (String dlq : dlqs) {
                Map<QueueAttributeName, String> a = hub.sqs().getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(dlq)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES).build()).attributes();
                waiting += Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            }
            if (waiting > 0) { // events and workflow runs alike: the admin API re-drives both
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                hub.baseUrl().resolve("/admin/sites/" + load.clientId() + "/dead-letters/redrive"))
                        .timeout(Duration.ofSeconds(30))
                        .header("authorization", "Bearer " + key).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    redriven.addAndGet(dev.orderhub.json.Json.parse(r.body()).get("redriven").asLong());
                }
            }
            Thread.sleep(1000);
        }
    }

    /**
     * `./orderhub fault [N] [seconds] [dynamodb|ses|sqs ...]`: the DynamoDB stand-in frozen, then the SES stand-in,
     * then SQS unavailable; or only the ones named.
     */
    public static int command(String[] args) throws Exception {
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Duration frozen = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 15);
        List<StandIns.Child> children = args.length > 3
                ? java.util.Arrays.stream(args, 3, args.length).map(a -> StandIns.Child.valueOf(a.toUpperCase(Locale.ROOT))).toList()
                : List.of(StandIns.Child.values());
        PrintStream report = System.out;
        boundAwsCalls();
        // A send that timed out against the frozen SES gets its Send event once SES is thawed: wait
        // for it twice the stall (at least a minute), not the 5 minutes of a deployment, so the run ends sooner.
        // Local mode's configuration, like HubConfig's: the system property, else this process's environment.
        String given = System.getProperty(SEND_EVENT_WAIT, System.getenv(SEND_EVENT_WAIT));
        if (given == null || given.isBlank()) {
            System.setProperty(SEND_EVENT_WAIT, Long.toString(Math.max(60, 2 * frozen.toSeconds())));
        }
        report.printf(Locale.ROOT, "e-mails whose SES call timed out wait %s s for SES's Send event%n",
                System.getProperty(SEND_EVENT_WAIT, System.getenv(SEND_EVENT_WAIT)));
        boolean ok = true;
        try (LocalHub hub = LoadCommand.quietHub()) {
            for (StandIns.Child child : children) {
                report.printf(Locale.ROOT, "%n== %s frozen for %d s during %d callbacks ==%n", child, frozen.toSeconds(), n);
                Outcome o = run(hub, child, n, frozen, System.err); // progress on stderr, the report on stdout
                o.load().print(report);
                report.printf(Locale.ROOT, "dead letters re-driven through the admin API: %d%n", o.redriven());
                report.printf(Locale.ROOT, "AWS calls that failed during the run: %s%n", o.failedCalls());
                report.println("FAULT " + child + " " + dev.orderhub.json.Json.write(o.load().summary()));
                ok &= o.load().ordersOk();
            }
        }
        report.println(ok ? "fault: OK (0 lost, 0 duplicated orders)" : "fault: FAILED");
        return ok ? 0 : 1;
    }
}

package dev.orderhub.local.load;

import dev.orderhub.local.LocalHub;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ./orderhub costs [N]}: one load run per provider (N callbacks each, default 1000, 5 %
 * duplicates as in every load run), and per 1,000 callbacks the AWS requests counted by
 * {@link SdkCallCounter}, Lambda invocations and billed GB-seconds (512 MB, template.yaml's
 * Globals), API Gateway requests, and CloudWatch log bytes and metrics ({@link LogVolume}): the
 * measured inputs of COSTS.md.
 */
public final class CostsCommand {
    private static final double LAMBDA_GB = 0.5;

    private CostsCommand() {}

    public static int run(String[] args) throws Exception {
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        PrintStream out = System.out;
        boolean ok = true;
        Set<String> metrics = new TreeSet<>();
        Set<String> metricsPerSite = new TreeSet<>();
        try (LocalHub hub = LoadCommand.quietHub()) {
            out.printf(Locale.ROOT, "per 1,000 callbacks (%d sent per provider)%n", n);
            out.printf(Locale.ROOT, "%-8s %8s %8s %8s %9s %9s %9s %8s %8s %9s %9s %9s %9s %8s%n", "provider", "events", "ddbRead",
                    "ddbWrite", "eventsW", "eventsW/ev", "runnerW", "sqsReq", "sesSend", "lambdaInv", "lambdaGBs", "cbAvgMs",
                    "evAvgMs", "apiGw");
            for (String provider : LoadTraffic.PROVIDERS) {
                Map<String, Long> detailBefore = SdkCallCounter.detail();
                System.err.println("costs: " + provider + "...");
                LoadResult r;
                LogVolume logs = LogVolume.count();
                try (logs) {
                    r = new LoadRun(hub, LoadRun.Options.of(n).withProviders(List.of(provider)))
                            .printingProgress(System.err, Duration.ofSeconds(5)).run();
                }
                metrics.addAll(logs.metrics());
                metricsPerSite.addAll(logs.metricsWithSiteDimension());
                Map<String, Long> detail = SdkCallCounter.detailSince(detailBefore);
                ok &= r.ok();
                Map<String, Long> ops = r.callsByOperation();
                double per = 1000.0 / r.deliveries();
                long reads = sum(ops, "DynamoDb GetItem", "DynamoDb Query", "DynamoDb BatchGetItem", "DynamoDb Scan");
                long writes = sum(ops, "DynamoDb PutItem", "DynamoDb UpdateItem", "DynamoDb DeleteItem", "DynamoDb BatchWriteItem");
                long sqs = ops.entrySet().stream().filter(e -> e.getKey().startsWith("Sqs ")).mapToLong(Map.Entry::getValue).sum();
                long invocations = r.invocations().values().stream().mapToLong(Long::longValue).sum();
                long billedMs = r.lambdaMillisBilled().values().stream().mapToLong(Long::longValue).sum();
                String callback = r.invocations().keySet().stream()
                        .filter(k -> !k.equals("PaymentEventsFunction") && !k.equals("WorkflowRunnerFunction")).findFirst().orElse("");
                long paymentEventWrites = r.dynamoDbWritesBy("PaymentEventsFunction");
                long runnerWrites = r.dynamoDbWritesBy("WorkflowRunnerFunction");
                out.printf(Locale.ROOT, "%-8s %8.0f %8.0f %8.0f %9.0f %9.2f %9.0f %8.0f %8.0f %9.0f %9.1f %9.1f %9.1f %8.0f%n", provider,
                        r.acceptedEvents() * per, reads * per, writes * per, paymentEventWrites * per,
                        (double) paymentEventWrites / r.acceptedEvents(), runnerWrites * per, sqs * per,
                        ops.getOrDefault("Ses SendEmail", 0L) * per, invocations * per, billedMs / 1000.0 * LAMBDA_GB * per,
                        avg(r, callback), avg(r, "PaymentEventsFunction"), r.deliveries() * per);
                out.println("  " + provider + " requests: " + ops);
                out.println("  " + provider + " DynamoDB by item (pk/sk prefix, or index:partition): " + detail);
                out.printf(Locale.ROOT, "  %s CloudWatch Logs: %.0f bytes, %.0f lines (%.0f of them metric lines) per 1,000 callbacks; %d distinct metrics%n",
                        provider, logs.bytes() * per, logs.lines() * per, logs.metricLines() * per, logs.metrics().size());
            }
        }
        out.printf(Locale.ROOT, "CloudWatch custom metrics made by all runs: %d (the deployment's, whatever the number of sites); "
                + "with a site dimension (METRICS_PER_SITE=true) %d, for the %d sites of these runs%n",
                metrics.size(), metricsPerSite.size(), LoadTraffic.PROVIDERS.size());
        metrics.forEach(m -> out.println("  " + m));
        out.println(ok ? "costs: OK (every run 0 lost, 0 duplicated)" : "costs: a run lost or duplicated something");
        return ok ? 0 : 1;
    }

    private static double avg(LoadResult r, String function) {
        long count = r.invocations().getOrDefault(function, 0L);
        return count == 0 ? 0 : r.lambdaMillisBilled().getOrDefault(function, 0L) / (double) count;
    }

    private static long sum(Map<String, Long> ops, String... names) {
        long s = 0;
        for (String name : names) {
            s += ops.getOrDefault(name, 0L);
        }
        return s;
    }
}

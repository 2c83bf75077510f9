package dev.orderhub.local.load;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a load run measured and found. Latencies are in nanoseconds, sorted.
 *
 * @param offeredRate callbacks per second the senders were paced at; 0 when unpaced (as fast as answered)
 * @param sendSeconds from the first callback sent to the last one answered
 * @param totalSeconds from the first callback sent until every accepted event was applied (or the drain timed out)
 * @param endToEndLatency per accepted event, from its callback's first sending (or due time, paced) to the
 *     successful write of its order ({@link OrderStoredClock})
 * @param endToEndBatchLatency the same to the end of the payment-events invocation that applied it (its whole batch)
 * @param warmup callbacks sent before the run on a site of their own, not counted
 * @param sdkCalls AWS requests during the run, "caller service operation" → count
 * @param lambdaMillisBilled per function, the invocations' durations rounded up to the millisecond, summed
 */
public record LoadResult(int deliveries, int concurrency, double offeredRate, int acceptedEvents, double sendSeconds, double totalSeconds,
        long[] callbackLatency, long[] endToEndLatency, long[] endToEndBatchLatency, int warmup, long refused5xx, long timeouts, long rejected4xx, long gaveUp,
        long lost, long duplicated, long mailsExpected, long mailsMissing, long mailsRepeated, long orders,
        Map<String, Long> sdkCalls, Map<String, Long> invocations, Map<String, Long> lambdaNanos,
        Map<String, Long> lambdaMillisBilled) {

    /** Nothing lost, nothing twice (e-mails included), no callback refused as bad. */
    public boolean ok() {
        return ordersOk() && mailsRepeated == 0;
    }

    /**
     * Nothing lost, no order or refund twice, every e-mail sent at least once. An e-mail may go
     * twice when SES stalls after accepting it (the thank-you run retries its action: SES has no
     * idempotency key), which fault runs allow and report.
     */
    public boolean ordersOk() {
        return lost == 0 && duplicated == 0 && rejected4xx == 0 && mailsMissing == 0 && gaveUp == 0;
    }

    public double callbacksPerSecond() {
        return deliveries / sendSeconds;
    }

    public double eventsAppliedPerSecond() {
        return acceptedEvents / totalSeconds;
    }

    public static double percentileMillis(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** DynamoDB write requests made by one function (its id in template.yaml). */
    public long dynamoDbWritesBy(String function) {
        return sdkCalls.entrySet().stream().filter(e -> e.getKey().startsWith(function + " DynamoDb ")
                && (e.getKey().endsWith(" PutItem") || e.getKey().endsWith(" UpdateItem") || e.getKey().endsWith(" DeleteItem")
                        || e.getKey().endsWith(" BatchWriteItem"))).mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * Requests per service and operation made by the hub: its functions and the queue pollers (what
     * Lambda's event source mappings do), not the harness itself ("other": the run's check, which
     * reads every order once, and its set-up).
     */
    public Map<String, Long> callsByOperation() {
        Map<String, Long> out = new TreeMap<>();
        sdkCalls.forEach((k, v) -> {
            if (!k.startsWith("other ")) {
                out.merge(k.substring(k.indexOf(' ') + 1), v, Long::sum);
            }
        });
        return out;
    }

    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "callbacks sent        %d (concurrency %d), %d distinct order events accepted, %d orders%n",
                deliveries, concurrency, acceptedEvents, orders);
        out.printf(Locale.ROOT, "offered               %s%n", offeredRate > 0
                ? String.format(Locale.ROOT, "paced at %.1f callbacks/s (end-to-end counts from each callback's due time)", offeredRate)
                : "unpaced burst (each sender sends its next callback as soon as the last one is answered)");
        out.printf(Locale.ROOT, "warm-up               %s%n", warmup > 0
                ? warmup + " callbacks first, on a site of their own, applied and checked, not counted"
                : "none (the run starts on a cold JVM)");
        out.printf(Locale.ROOT, "callback rate         %.1f callbacks/s (%.2f s)%n", callbacksPerSecond(), sendSeconds);
        out.printf(Locale.ROOT, "callback latency      p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                percentileMillis(callbackLatency, 50), percentileMillis(callbackLatency, 95),
                percentileMillis(callbackLatency, 99), percentileMillis(callbackLatency, 100));
        out.printf(Locale.ROOT, "end-to-end to stored  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                percentileMillis(endToEndLatency, 50), percentileMillis(endToEndLatency, 95),
                percentileMillis(endToEndLatency, 99), percentileMillis(endToEndLatency, 100));
        out.printf(Locale.ROOT, "  ...to batch returned p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms (the invocation that applied it)%n",
                percentileMillis(endToEndBatchLatency, 50), percentileMillis(endToEndBatchLatency, 95),
                percentileMillis(endToEndBatchLatency, 99), percentileMillis(endToEndBatchLatency, 100));
        out.printf(Locale.ROOT, "pipeline              %.1f events applied/s (all applied after %.2f s)%n",
                eventsAppliedPerSecond(), totalSeconds);
        out.printf(Locale.ROOT, "answers               5xx (retried) %d, timeouts (retried) %d, 4xx %d, gave up %d%n",
                refused5xx, timeouts, rejected4xx, gaveUp);
        out.printf(Locale.ROOT, "e-mails               %d expected, %d missing, %d sent twice%n", mailsExpected, mailsMissing,
                mailsRepeated);
        out.printf(Locale.ROOT, "LOST                  %d%n", lost);
        out.printf(Locale.ROOT, "DUPLICATED            %d%n", duplicated);
        out.println("AWS requests during the run (caller service operation: count):");
        sdkCalls.forEach((k, v) -> out.printf(Locale.ROOT, "  %-60s %8d%n", k, v));
        out.println("function invocations (count, summed duration billed ms):");
        invocations.forEach((k, v) -> out.printf(Locale.ROOT, "  %-60s %8d %10d%n", k, v, lambdaMillisBilled.getOrDefault(k, 0L)));
    }

    /** The headline numbers as one machine-readable map. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deliveries", deliveries);
        m.put("offeredRate", offeredRate);
        m.put("callbacksPerSecond", Math.round(callbacksPerSecond() * 10) / 10.0);
        m.put("callbackP50Ms", percentileMillis(callbackLatency, 50));
        m.put("callbackP95Ms", percentileMillis(callbackLatency, 95));
        m.put("callbackP99Ms", percentileMillis(callbackLatency, 99));
        m.put("endToEndP50Ms", percentileMillis(endToEndLatency, 50));
        m.put("endToEndP95Ms", percentileMillis(endToEndLatency, 95));
        m.put("endToEndP99Ms", percentileMillis(endToEndLatency, 99));
        m.put("batchReturnedP50Ms", percentileMillis(endToEndBatchLatency, 50));
        m.put("batchReturnedP99Ms", percentileMillis(endToEndBatchLatency, 99));
        m.put("warmup", warmup);
        m.put("eventsAppliedPerSecond", Math.round(eventsAppliedPerSecond() * 10) / 10.0);
        m.put("lost", lost);
        m.put("duplicated", duplicated);
        m.put("mailsMissing", mailsMissing);
        m.put("mailsRepeated", mailsRepeated);
        m.put("refused5xx", refused5xx);
        m.put("rejected4xx", rejected4xx);
        return m;
    }
}

package dev.orderhub.local.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orderhub.json.Json;
import dev.orderhub.local.LambdaFunctions;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.SamTemplate;
import dev.orderhub.local.TestHub;
import dev.orderhub.local.orders.ConcurrentWritersIT;
import dev.orderhub.order.OrderIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The payment-event queue is consumed as template.yaml's event source mapping says: as many
 * batches at once as its ScalingConfig.MaximumConcurrency, never more. A backlog is put on the
 * queue while the consumers are paused; once they resume, the payment-events function's invocations are watched:
 * when each ran, how many records each had.
 */
class PaymentEventPollersIT {
    private static final int EVENTS = 120;

    private record Invocation(long startNanos, long endNanos, int records) {}

    @Test
    void aBacklogIsConsumedByConcurrentBatchesUpToTheTemplatesMaximumConcurrency() throws Exception {
        LocalHub hub = TestHub.get();
        SamTemplate.SqsSource source = hub.template().sqsSources().stream()
                .filter(s -> s.queueId().equals("PaymentEventsQueue")).findFirst().orElseThrow();
        assertThat(source.maximumConcurrency()).as("the template lets several matchers run at once").isGreaterThan(1);
        String clientId = "site_pollers" + Long.toString(System.nanoTime(), 36);
        TestHub.stack().sites().create(clientId, "Pollers");

        ConcurrentLinkedQueue<Invocation> seen = new ConcurrentLinkedQueue<>();
        LambdaFunctions.InvocationListener listener = (id, event, response, nanos) -> {
            if (id.equals(source.functionId()) && event instanceof SQSEvent sqs && sqs.getRecords() != null
                    && sqs.getRecords().stream().anyMatch(m -> m.getBody().contains(clientId))) {
                long end = System.nanoTime();
                seen.add(new Invocation(end - nanos, end, sqs.getRecords().size()));
            }
        };
        TestHub.pauseConsumersWhenDrained();
        hub.functions().addListener(listener);
        try {
            List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                batch.add(SendMessageBatchRequestEntry.builder().id("e" + i)
                        .messageBody(Json.write(ConcurrentWritersIT.payment(clientId, "evt_pollers_" + i, "pi_pollers_" + i)))
                        .build());
                if (batch.size() == 10) {
                    List<SendMessageBatchRequestEntry> entries = List.copyOf(batch);
                    hub.sqs().sendMessageBatch(b -> b.queueUrl(hub.queueUrl(source.queueId())).entries(entries));
                    batch.clear();
                }
            }
            hub.pauseConsumers(false);
            TestHub.await("every queued event applied to its own order",
                    () -> TestHub.stack().orders().listBySite(clientId, 200, null).orders().size(), n -> n == EVENTS,
                    Duration.ofSeconds(120));
        } finally {
            hub.pauseConsumers(false);
            hub.functions().removeListener(listener);
        }

        List<Invocation> runs = List.copyOf(seen);
        int most = mostAtOnce(runs);
        assertThat(most).as("payment-events invocations running at the same time, over %d invocations", runs.size())
                .isGreaterThan(1)
                .isLessThanOrEqualTo(source.maximumConcurrency());
        assertThat(runs).allSatisfy(r -> assertThat(r.records()).isBetween(1, source.batchSize()));
        assertThat(TestHub.stack().orders().find(clientId, OrderIds.of(clientId, "stripe", "pi_pollers_0"))).isPresent();
    }

    /** The largest number of invocations whose [start, end] intervals overlap at one instant. */
    private static int mostAtOnce(List<Invocation> runs) {
        List<long[]> edges = new ArrayList<>();
        for (Invocation r : runs) {
            edges.add(new long[] {r.startNanos(), 1});
            edges.add(new long[] {r.endNanos(), -1});
        }
        // At equal instants an end comes before a start: touching intervals did not run together.
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0;
        int most = 0;
        for (long[] e : edges) {
            now += (int) e[1];
            most = Math.max(most, now);
        }
        return most;
    }
}

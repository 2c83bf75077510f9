package dev.orderhub.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * One site's receiver hangs until its deadline, and its run shares a batch of the workflow runner
 * with another site's thank-you e-mails: those must go out on time, not after the hang.
 */
class SlowSiteBatchAttackTest {
    @Test
    void aHangingRunDelaysNoOtherRunOfItsBatch() {
        List<SQSEvent.SQSMessage> records = List.of(message("a-hangs"), message("b-thanks-1"), message("b-thanks-2"));
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        Map<String, Long> doneAfterMillis = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            SQSBatchResponse r = SqsBatch.processConcurrently(event, m -> {
                if (m.getBody().startsWith("a-")) {
                    sleep(Duration.ofSeconds(3)); // the receiver's deadline
                    throw new IllegalStateException("webhook failed: no answer");
                }
                doneAfterMillis.put(m.getBody(), Duration.ofNanos(System.nanoTime() - start).toMillis());
            }, (m, e) -> { }, null, pool);
            assertThat(r.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                    .containsExactly("a-hangs");
        } finally {
            pool.shutdownNow();
        }
        assertThat(doneAfterMillis).containsOnlyKeys("b-thanks-1", "b-thanks-2");
        assertThat(doneAfterMillis.values()).allSatisfy(ms -> assertThat(ms).isLessThan(1000));
    }

    private static SQSEvent.SQSMessage message(String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(body);
        m.setBody(body);
        m.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:runs");
        return m;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

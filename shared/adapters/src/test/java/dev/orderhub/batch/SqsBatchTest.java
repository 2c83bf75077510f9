package dev.orderhub.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqsBatchTest {
    private static SQSEvent batch(String arn, String... bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("m" + i);
            m.setBody(bodies[i]);
            m.setEventSourceArn(arn);
            records.add(m);
        }
        SQSEvent e = new SQSEvent();
        e.setRecords(records);
        return e;
    }

    private static List<String> failedIds(SQSBatchResponse r) {
        return r.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void onlyTheFailedMessagesAreReported() {
        List<String> handled = new ArrayList<>();
        SQSBatchResponse r = SqsBatch.process(batch("arn:aws:sqs:us-east-1:1:q", "ok", "bad", "ok2"), m -> {
            if (m.getBody().equals("bad")) {
                throw new IllegalStateException("poison");
            }
            handled.add(m.getBody());
        });
        assertThat(failedIds(r)).containsExactly("m1");
        assertThat(handled).containsExactly("ok", "ok2");
    }

    @Test
    void onAFifoQueueTheRestOfTheBatchWaitsBehindAFailure() {
        List<String> handled = new ArrayList<>();
        SQSBatchResponse r = SqsBatch.process(batch("arn:aws:sqs:us-east-1:1:q.fifo", "ok", "bad", "ok2"), m -> {
            if (m.getBody().equals("bad")) {
                throw new IllegalStateException("poison");
            }
            handled.add(m.getBody());
        });
        assertThat(failedIds(r)).containsExactly("m1", "m2");
        assertThat(handled).containsExactly("ok");
    }

    @Test
    void anEmptyBatchReportsNothing() {
        assertThat(SqsBatch.process(new SQSEvent(), m -> { }).getBatchItemFailures()).isEmpty();
    }

    @Test
    void aMessageThatMustWaitIsPostponedForAsLongAsItAsksAndStillReportedAsFailed() {
        Map<String, Duration> postponed = new LinkedHashMap<>();
        SQSBatchResponse r = SqsBatch.process(batch("arn:aws:sqs:us-east-1:1:q", "held", "ok", "bad"), m -> {
            if (m.getBody().equals("held")) {
                throw new RetryLater("leased elsewhere", Duration.ofSeconds(95));
            }
            if (m.getBody().equals("bad")) {
                throw new IllegalStateException("poison");
            }
        }, (m, e) -> { }, (m, after) -> postponed.put(m.getMessageId(), after));
        assertThat(failedIds(r)).containsExactly("m0", "m2");
        assertThat(postponed).as("only the waiting message; a poison one comes back after the visibility timeout")
                .containsExactly(Map.entry("m0", Duration.ofSeconds(95)));
    }

    @Test
    void aPostponementThatFailsLeavesTheMessageReportedAsFailed() {
        SQSBatchResponse r = SqsBatch.process(batch("arn:aws:sqs:us-east-1:1:q", "held"), m -> {
            throw new RetryLater("leased elsewhere", Duration.ofSeconds(5));
        }, (m, e) -> { }, (m, after) -> {
            throw new IllegalStateException("SQS unavailable");
        });
        assertThat(failedIds(r)).containsExactly("m0");
    }
}

package dev.orderhub.local.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.local.TestHub;
import dev.orderhub.local.load.LoadResult;
import dev.orderhub.local.load.LoadRun;
import dev.orderhub.local.load.SdkCallCounter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The short form of `./orderhub load` (BENCHMARKS.md has the full size): 200 signed callbacks of
 * every provider with duplicates and refunds before their payments. Only correctness is
 * asserted, never a time: every accepted event is in its order, nothing is applied or mailed twice,
 * and the payment-events function writes each order once per event.
 */
class LoadProof {
    @Test
    void twoHundredMixedCallbacksNothingLostNothingDuplicated() throws Exception {
        // The counters are the JVM's: callbacks other test classes queued (events/ samples) are applied first.
        TestHub.awaitQuiet(java.time.Duration.ofSeconds(60));
        Map<String, Long> before = SdkCallCounter.detail();
        LoadResult r = new LoadRun(TestHub.get(), LoadRun.Options.of(Integer.getInteger("load.callbacks", 200))).run();
        Map<String, Long> writes = SdkCallCounter.detailSince(before);
        r.print(System.out);
        // One order write per event: the match decision rides on it and the thank-you (a workflow
        // run) writes nothing on the order; a lost optimistic-lock race, possible only between
        // deliveries of one order, adds an attempt (COSTS.md).
        assertThat(writes.getOrDefault("DynamoDb PutItem ORDER/#ORDER", 0L)).isLessThanOrEqualTo(r.deliveries());
        assertThat(r.rejected4xx()).isZero();
        assertThat(r.gaveUp()).isZero();
        assertThat(r.lost()).isZero();
        assertThat(r.duplicated()).isZero();
        assertThat(r.mailsMissing()).isZero();
        assertThat(r.mailsRepeated()).isZero();
        assertThat(r.orders()).isGreaterThan(150);
    }

    @Test
    void eachEventIsTimedAtItsOrdersWriteAndAWarmUpRunsOnASiteOfItsOwn() throws Exception {
        TestHub.awaitQuiet(java.time.Duration.ofSeconds(60));
        LoadRun run = new LoadRun(TestHub.get(), LoadRun.Options.of(40).withWarmup(20));
        LoadResult r = run.run();

        // Every accepted event was seen stored by a successful order write, and no later than the
        // invocation that applied it returned.
        assertThat(r.endToEndLatency()).hasSize(r.acceptedEvents());
        assertThat(r.endToEndBatchLatency()).hasSize(r.acceptedEvents());
        for (double p : new double[] {50, 90, 100}) {
            assertThat(LoadResult.percentileMillis(r.endToEndLatency(), p))
                    .isLessThanOrEqualTo(LoadResult.percentileMillis(r.endToEndBatchLatency(), p));
        }
        // The warm-up's callbacks are not the run's: its site has exactly the run's orders.
        assertThat(r.warmup()).isEqualTo(20);
        assertThat(r.deliveries()).isEqualTo(40);
        assertThat(r.lost()).isZero();
        assertThat(r.duplicated()).isZero();
        assertThat(TestHub.get().stack().orders().listBySite(run.clientId(), 100, null).orders()).hasSize((int) r.orders());
    }
}

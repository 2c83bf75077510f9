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
 * and the matcher writes each order once per event.
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
}

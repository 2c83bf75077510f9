package dev.orderhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.local.load.LoadResult;
import dev.orderhub.local.load.LoadRun;
import org.junit.jupiter.api.Test;

/**
 * The short form of `./orderhub load` (BENCHMARKS.md has the full size): 200 signed callbacks of
 * every provider with duplicates and refunds before their payments. Only correctness is
 * asserted, never a time: every accepted event is in its order, nothing is applied or mailed twice.
 */
class LoadIntegrationTest {
    @Test
    void twoHundredMixedCallbacksNothingLostNothingDuplicated() throws Exception {
        LoadResult r = new LoadRun(TestHub.get(), LoadRun.Options.of(Integer.getInteger("load.callbacks", 200))).run();
        r.print(System.out);
        assertThat(r.rejected4xx()).isZero();
        assertThat(r.gaveUp()).isZero();
        assertThat(r.lost()).isZero();
        assertThat(r.duplicated()).isZero();
        assertThat(r.mailsMissing()).isZero();
        assertThat(r.mailsRepeated()).isZero();
        assertThat(r.orders()).isGreaterThan(150);
    }
}

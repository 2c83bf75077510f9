package dev.orderhub.local.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderhub.local.TestHub;
import dev.orderhub.local.load.LoadCommand;
import dev.orderhub.local.load.LoadResult;
import dev.orderhub.local.load.LoadRun;
import org.junit.jupiter.api.Test;

/**
 * `./orderhub load N --rate R`: the callbacks are offered at R a second instead of as a burst,
 * with the same correctness checks. Only a lower bound on time is asserted (a busy machine can
 * make a run slower, never faster than its pace).
 */
class PacedLoadProof {
    @Test
    void aPacedRunOffersItsCallbacksNoFasterThanTheRateAndLosesNothing() throws Exception {
        TestHub.awaitQuiet(java.time.Duration.ofSeconds(60));
        LoadResult r = new LoadRun(TestHub.get(), LoadRun.Options.of(40).withRate(10)).run();

        assertThat(r.offeredRate()).isEqualTo(10);
        // The 40th callback is due 3.9 s after the first.
        assertThat(r.sendSeconds()).as("40 callbacks at 10 a second").isGreaterThanOrEqualTo(3.9);
        assertThat(r.lost()).isZero();
        assertThat(r.duplicated()).isZero();
        assertThat(r.mailsRepeated()).isZero();
        assertThat(r.endToEndLatency()).hasSize(r.acceptedEvents());
        assertThat(r.summary()).containsEntry("offeredRate", 10.0);
    }

    @Test
    void theRateIsReadFromTheCommandLineAndAMalformedOneIsRefused() {
        assertThat(LoadCommand.options(new String[] {"load"}).paced()).isFalse();
        assertThat(LoadCommand.options(new String[] {"load"}).callbacks()).isEqualTo(2000);
        LoadRun.Options o = LoadCommand.options(new String[] {"load", "500", "--rate", "40"});
        assertThat(o.callbacks()).isEqualTo(500);
        assertThat(o.rate()).isEqualTo(40);
        assertThat(LoadCommand.options(new String[] {"load", "--rate", "12.5", "300"}).rate()).isEqualTo(12.5);
        assertThat(LoadCommand.options(new String[] {"load"}).warmup()).isEqualTo(LoadCommand.DEFAULT_WARMUP);
        assertThat(LoadCommand.options(new String[] {"load", "--warmup", "0", "300"}).warmup()).isZero();
        assertThat(LoadCommand.options(new String[] {"load", "300", "--warmup", "50"}).warmup()).isEqualTo(50);
        for (String[] bad : new String[][] {{"load", "--rate"}, {"load", "--rate", "0"}, {"load", "--rate", "-3"},
                {"load", "--rate", "fast"}, {"load", "--rate", "NaN"}, {"load", "--rate", "Infinity"}, {"load", "many"},
                {"load", "--warmup"}, {"load", "--warmup", "-1"}, {"load", "--warmup", "some"},
                {"load", "0"}}) {
            assertThatThrownBy(() -> LoadCommand.options(bad)).as(String.join(" ", bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}

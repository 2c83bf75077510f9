package dev.orderhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.local.load.FaultRun;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The short form of `./orderhub fault` (RELIABILITY.md): a stand-in frozen with SIGSTOP in the
 * middle of a load run. AWS calls in the test JVM are bounded (AWS_API_CALL_TIMEOUT_MS in the
 * surefire configuration) so a stall becomes a 503 the sender delivers again, as a provider does.
 */
class FaultInjectionIntegrationTest {
    @Test
    void dynamoDbFrozenMidRunLosesNothingAndAnswersNothing2xxThatWasNotQueued() throws Exception {
        FaultRun.Outcome o = FaultRun.run(TestHub.get(), StandIns.Child.DYNAMODB, 150, Duration.ofSeconds(8), System.out);
        o.load().print(System.out);
        assertThat(o.load().refused5xx() + o.load().timeouts()).as("the stall was felt by callbacks").isPositive();
        assertThat(o.load().gaveUp()).isZero();
        assertThat(o.load().rejected4xx()).isZero();
        assertThat(o.load().lost()).isZero();
        assertThat(o.load().duplicated()).isZero();
        assertThat(o.load().mailsMissing()).isZero();
    }

    @Test
    void sesFrozenMidRunDelaysEmailsButNoOrder() throws Exception {
        FaultRun.Outcome o = FaultRun.run(TestHub.get(), StandIns.Child.SES, 150, Duration.ofSeconds(6), System.out);
        o.load().print(System.out);
        assertThat(o.load().refused5xx()).as("callbacks never touch SES").isZero();
        assertThat(o.load().lost()).isZero();
        assertThat(o.load().duplicated()).isZero();
        assertThat(o.load().mailsMissing()).as("e-mails retried until sent").isZero();
    }
}

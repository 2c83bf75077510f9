package dev.orderhub.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The tests' wait: a condition that never holds fails the test instead of handing back what was there. */
class TestHubAwaitTest {
    @Test
    void aWaitThatRunsOutFailsNamingWhatItWaitedForAndTheLastValue() {
        assertThatThrownBy(() -> TestHub.await("the order to be paid", () -> "pending", "paid"::equals, Duration.ofMillis(300)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the order to be paid").hasMessageContaining("last value: pending");
    }

    @Test
    void aWaitReturnsTheValueThatSatisfiedIt() {
        AtomicInteger polls = new AtomicInteger();
        assertThat(TestHub.await(polls::incrementAndGet, n -> n >= 3, Duration.ofSeconds(5))).isEqualTo(3);
    }
}

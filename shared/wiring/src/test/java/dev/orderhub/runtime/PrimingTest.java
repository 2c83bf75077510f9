package dev.orderhub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each stack registers its own priming, and unregisters it when closed (local mode and tests drop stacks). */
class PrimingTest {
    @Test
    void eachRegisteredPrimingRunsUntilItIsUnregistered() {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        Priming a = Priming.register("first", first::incrementAndGet);
        Priming b = Priming.register("second", second::incrementAndGet);
        try {
            Priming.runAllNow();
            a.unregister();
            Priming.runAllNow();

            assertThat(first).hasValue(1);
            assertThat(second).hasValue(2);
        } finally {
            a.unregister();
            b.unregister();
        }
    }
}

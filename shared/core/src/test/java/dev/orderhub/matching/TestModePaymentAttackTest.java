package dev.orderhub.matching;

import static dev.orderhub.matching.UnderpaidReferenceAttackTest.decide;
import static dev.orderhub.matching.UnderpaidReferenceAttackTest.intent;
import static dev.orderhub.matching.UnderpaidReferenceAttackTest.payment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.intent.Intent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A provider's test-mode delivery (no money moved) carrying a live intent's reference must not make it paid. */
class TestModePaymentAttackTest {
    @Test
    void aTestModePaymentWithALiveIntentsReferenceGoesToReview() {
        Intent live = intent("in_live", "OH-7KQ2-M9", "jo@example.com", 500, "USD", "bmc");
        MatchDecision d = decide(payment("bmc", 500, "USD", "OH-7KQ2-M9", true), List.of(live), List.of());
        assertThat(d.matched()).isFalse();
        assertThat(d.candidates()).containsExactly("in_live");
        assertThat(d.reason()).isEqualTo("reference OH-7KQ2-M9 in message, but paid 5.00 USD via bmc in test mode,"
                + " intent expects 5.00 USD via bmc");
    }

    @Test
    void aTestModePaymentNeverMatchesALiveIntentByEmailEither() {
        Intent live = intent("in_live", "OH-7KQ2-M9", "mallory@example.net", 500, "USD", "bmc");
        MatchDecision d = decide(payment("bmc", 500, "USD", "no reference", true), List.of(), List.of(live));
        assertThat(d.matched()).isFalse();
        assertThat(d.candidates()).isEmpty();
    }

    @Test
    void anIntentCreatedInTestModeIsPaidByATestPaymentOnly() {
        Intent test = intent("in_test", "OH-7KQ2-M9", "jo@example.com", 500, "USD", "bmc", true);
        assertThat(decide(payment("bmc", 500, "USD", "OH-7KQ2-M9", true), List.of(test), List.of()).matched()).isTrue();
        MatchDecision live = decide(payment("bmc", 500, "USD", "OH-7KQ2-M9", false), List.of(test), List.of());
        assertThat(live.matched()).isFalse();
        assertThat(live.reason()).isEqualTo("reference OH-7KQ2-M9 in message, but paid 5.00 USD via bmc,"
                + " intent expects 5.00 USD via bmc in test mode");
    }
}

package dev.orderhub.matching;

import static dev.orderhub.matching.UnderpaidReferenceAttackTest.ORDER_AT;
import static dev.orderhub.matching.UnderpaidReferenceAttackTest.intent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.intent.Intent;
import dev.orderhub.intent.References;
import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Intents are public: a stranger creates one with the victim's e-mail and the amount the victim
 * is about to pay. The victim's payment, carrying no reference, must not be handed to the
 * stranger's status token.
 */
class IntentCaptureByEmailAttackTest {
    static Order victimPays(String message) {
        return new Order("site_a", "kofi_v", "kofi", "t-v", null, null, Money.ofMinor(2500, "USD"), null, 0, false,
                "Victim", "Victim@Example.org", message, List.of(), null, false, ORDER_AT.toString(), ORDER_AT.toString(),
                Set.of(), null, null, null, 1);
    }

    static MatchDecision decide(Order o, List<Intent> byRef, List<Intent> recent) {
        return MatchRules.decide(o, true, UnderpaidReferenceAttackTest.WINDOW, References.findIn(o.message()), byRef, recent);
    }

    @Test
    void aStrangersIntentWithTheVictimsEmailAndAmountIsOnlyASuggestion() {
        Intent strangers = intent("in_stranger", "OH-7KQ2-M9", "victim@example.org", 2500, "USD", "kofi");
        MatchDecision d = decide(victimPays("love your work"), List.of(), List.of(strangers));
        assertThat(d.matched()).isFalse();
        assertThat(d.candidates()).containsExactly("in_stranger");
        assertThat(d.reason()).isEqualTo("email+amount+currency suggests 1 candidate; "
                + "auto-match by e-mail is off (site setting autoMatchByEmail)");
        assertThat(d.suggested()).as("pre-selected for the reviewer").isEqualTo("in_stranger");
    }

    @Test
    void aSiteThatOptsInHasTheOneEmailCandidateMatched() {
        Intent strangers = intent("in_stranger", "OH-7KQ2-M9", "victim@example.org", 2500, "USD", "kofi");
        Order o = victimPays("love your work");
        MatchDecision d = MatchRules.decide(o, true, true, UnderpaidReferenceAttackTest.WINDOW,
                References.findIn(o.message()), List.of(), List.of(strangers));
        assertThat(d.matched()).isTrue();
        assertThat(d.reason()).isEqualTo("email+amount+currency, 1 candidate");
    }

    @Test
    void evenOptedInAnEmailCandidateMustFitThePaymentsProviderAndMode() {
        Intent otherProvider = intent("in_bmc", "OH-7KQ2-M9", "victim@example.org", 2500, "USD", "bmc");
        Intent testIntent = intent("in_test", "OH-2222-22", "victim@example.org", 2500, "USD", "kofi", true);
        Order o = victimPays("love your work");
        MatchDecision d = MatchRules.decide(o, true, true, UnderpaidReferenceAttackTest.WINDOW,
                References.findIn(o.message()), List.of(), List.of(otherProvider, testIntent));
        assertThat(d.matched()).isFalse();
        assertThat(d.candidates()).isEmpty();
    }

    @Test
    void theVictimsOwnReferenceStillMatchesWhateverStrangersCreated() {
        Intent strangers = intent("in_stranger", "OH-2222-22", "victim@example.org", 2500, "USD", "kofi");
        Intent own = intent("in_own", "OH-7KQ2-M9", "victim@example.org", 2500, "USD", "kofi");
        MatchDecision d = decide(victimPays("for OH-7KQ2-M9"), List.of(own), List.of(strangers, own));
        assertThat(d.matched()).isTrue();
        assertThat(d.intentId()).isEqualTo("in_own");
    }
}

package dev.orderhub.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.event.EventKind;
import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RiskLevelTest {
    @Test
    void aScoreOf75IsHighAnd65IsMedium() {
        assertThat(RiskLevel.ofScore(100)).isEqualTo(RiskLevel.HIGH);
        assertThat(RiskLevel.ofScore(75)).isEqualTo(RiskLevel.HIGH);
        assertThat(RiskLevel.ofScore(74)).isEqualTo(RiskLevel.MEDIUM);
        assertThat(RiskLevel.ofScore(65)).isEqualTo(RiskLevel.MEDIUM);
        assertThat(RiskLevel.ofScore(64)).isEqualTo(RiskLevel.LOW);
    }

    @Test
    void levelsReadAnyCaseAndTheHigherWins() {
        assertThat(RiskLevel.fromWire(" High ")).isEqualTo(RiskLevel.HIGH);
        assertThat(RiskLevel.fromWire("severe")).isNull();
        assertThat(RiskLevel.fromWire(null)).isNull();
        assertThat(RiskLevel.max(RiskLevel.LOW, RiskLevel.HIGH)).isEqualTo(RiskLevel.HIGH);
        assertThat(RiskLevel.max(RiskLevel.HIGH, RiskLevel.MEDIUM)).isEqualTo(RiskLevel.HIGH);
        assertThat(RiskLevel.max(null, RiskLevel.MEDIUM)).isEqualTo(RiskLevel.MEDIUM);
        assertThat(RiskLevel.max(RiskLevel.MEDIUM, null)).isEqualTo(RiskLevel.MEDIUM);
    }

    private static Order order(Map<String, String> attributes, Money amount) {
        return new Order("site_a", "shopify_x", "shopify", "1", OrderStatus.PAID, OrderStatus.PAID, amount, null, 0, false,
                "B", "b@example.com", null, List.of(), null, false, "t", "t", Set.of(), attributes, null, null, 1);
    }

    @Test
    void anOrderIsAnalyzedOnItsFirstPaymentAndAgainOnEveryReassessment() {
        Order fresh = order(Map.of(), null);
        Order analyzed = order(Map.of(), null).withRisk(new RiskAssessment(RiskLevel.LOW, 10, List.of(), "evt_1", "t"));
        assertThat(RiskAnalysis.due(EventKind.PAYMENT_SUCCEEDED, fresh)).isTrue();
        assertThat(RiskAnalysis.due(EventKind.PAYMENT_AUTHORIZED, fresh)).isTrue();
        assertThat(RiskAnalysis.due(EventKind.PAYMENT_SUCCEEDED, analyzed)).isFalse();
        assertThat(RiskAnalysis.due(EventKind.RISK_ASSESSED, analyzed)).isTrue();
        assertThat(RiskAnalysis.due(EventKind.RISK_ASSESSED, fresh)).as("analyzed when the payment comes").isFalse();
        assertThat(RiskAnalysis.due(EventKind.REFUNDED, fresh)).isFalse();
    }

    @Test
    void shopifysLevelGivesItsDefaultScore() {
        for (var c : Map.of("low", 10, "medium", 50, "high", 90).entrySet()) {
            RiskAssessment a = RiskAnalyzer.analyze(order(Map.of("shopify.risk_level", c.getKey()), null), RiskRules.DEFAULTS,
                    RiskFacts.UNKNOWN, "evt_1", "t");
            assertThat(a.score()).as(c.getKey()).isEqualTo(c.getValue());
        }
    }

    @Test
    void siteThresholdsApplyAboveTheAmountNotAtIt() {
        Money limit = Money.ofMinor(10_000, "USD");
        RiskRules rules = new RiskRules(Map.of("USD", limit), Map.of("USD", limit), 3, 24, true);
        RiskAssessment at = RiskAnalyzer.analyze(order(Map.of(), limit), rules, new RiskFacts(1, true), "evt_1", "t");
        RiskAssessment above = RiskAnalyzer.analyze(order(Map.of(), Money.ofMinor(10_001, "USD")), rules, new RiskFacts(1, true),
                "evt_1", "t");
        assertThat(at.score()).isZero();
        assertThat(above.reasons()).hasSize(2);
        assertThat(above.score()).isGreaterThan(at.score());
    }

    @Test
    void aRadarScoreThatIsNotANumberFallsBackToTheLevelsScore() {
        RiskAssessment a = RiskAnalyzer.analyze(order(Map.of("stripe.risk_level", "highest", "stripe.risk_score", "n/a"), null),
                RiskRules.DEFAULTS, RiskFacts.UNKNOWN, "evt_1", "t");
        assertThat(a.score()).isEqualTo(90);
        assertThat(a.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(a.reasons()).containsExactly("Stripe Radar: highest");
    }
}

package dev.orderhub.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RiskAnalyzerTest {
    private static Order order(Money amount, Map<String, String> attributes) {
        return new Order("site_a", "stripe_x", "stripe", "pi_1", OrderStatus.PENDING, OrderStatus.PENDING, amount, null,
                0, false, "B", "b@example.com", null, List.of(), null, false, "t", "t", Set.of(), attributes, null, null, 1);
    }

    private static RiskAssessment analyze(Money amount, Map<String, String> attributes, RiskRules rules, RiskFacts facts) {
        return RiskAnalyzer.analyze(order(amount, attributes), rules, facts, "evt_1", "t");
    }

    @Test
    void stripeRadarIsTheBase() {
        RiskAssessment a = analyze(Money.parse("20.00", "USD"), Map.of("stripe.risk_level", "highest", "stripe.risk_score", "91"),
                RiskRules.DEFAULTS, RiskFacts.UNKNOWN);
        assertThat(a.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(a.score()).isEqualTo(91);
        assertThat(a.reasons()).containsExactly("Stripe Radar: highest (score 91)");
        assertThat(analyze(null, Map.of("stripe.risk_level", "normal", "stripe.risk_score", "2"), RiskRules.DEFAULTS,
                RiskFacts.UNKNOWN).level()).isEqualTo(RiskLevel.LOW);
        assertThat(analyze(null, Map.of("shopify.risk_level", "medium"), RiskRules.DEFAULTS, RiskFacts.UNKNOWN).level())
                .isEqualTo(RiskLevel.MEDIUM);
        assertThat(analyze(null, Map.of("stripe.risk_level", "not_assessed"), RiskRules.DEFAULTS, RiskFacts.UNKNOWN).reasons())
                .containsExactly("no risk signal");
    }

    @Test
    void siteRulesAddPointsAndReasons() {
        RiskRules rules = new RiskRules(Map.of("KRW", Money.parse("500000", "KRW")), Map.of("KRW", Money.parse("300000", "KRW")),
                3, 24, true);
        RiskAssessment a = analyze(Money.parse("800000", "KRW"), Map.of("stripe.risk_level", "elevated", "stripe.risk_score", "45",
                "stripe.billing_country", "KR", "stripe.ip_country", "NG"), rules, new RiskFacts(3, true));
        assertThat(a.score()).isEqualTo(100); // 45 + 20 + 25 + 15 + 20, capped
        assertThat(a.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(a.reasons()).hasSize(5).anySatisfy(r -> assertThat(r).contains("above the site's threshold 500000 KRW"))
                .anySatisfy(r -> assertThat(r).isEqualTo("3 orders from this e-mail within 24 h"))
                .anySatisfy(r -> assertThat(r).isEqualTo("billing country KR differs from IP country NG"));
        assertThat(analyze(Money.parse("800000", "KRW"), Map.of(), rules, new RiskFacts(1, false)).reasons())
                .as("a threshold in another currency never applies").hasSize(1);
        assertThat(analyze(Money.parse("800", "USD"), Map.of(), rules, new RiskFacts(1, true)).level()).isEqualTo(RiskLevel.LOW);
    }

    /** Stripe Radar's levels and the lowest level each allows (literal: not read from the code under test). */
    private static final Map<String, RiskLevel> RADAR_FLOOR = Map.of("normal", RiskLevel.LOW, "elevated", RiskLevel.MEDIUM,
            "highest", RiskLevel.HIGH);

    @Property
    void theLevelNeverFallsBelowTheProvidersAndTheScoreStaysInRange(@ForAll @IntRange(min = 0, max = 99) int radar,
            @ForAll @IntRange(min = 0, max = 10) int ordersInWindow, @ForAll boolean first) {
        for (String level : List.of("normal", "elevated", "highest")) {
            RiskAssessment a = analyze(Money.parse("1000.00", "USD"),
                    Map.of("stripe.risk_level", level, "stripe.risk_score", Integer.toString(radar)),
                    new RiskRules(Map.of("USD", Money.parse("10.00", "USD")), Map.of(), 2, 1, true),
                    new RiskFacts(ordersInWindow, first));
            assertThat(a.score()).isBetween(0, 100);
            assertThat(a.level().ordinal()).as(level).isGreaterThanOrEqualTo(RADAR_FLOOR.get(level).ordinal());
        }
    }
}

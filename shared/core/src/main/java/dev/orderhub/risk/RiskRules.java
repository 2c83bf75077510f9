package dev.orderhub.risk;

import dev.orderhub.money.Money;
import java.util.Map;

/**
 * A site's own risk rules, added to what the payment provider says. Amount thresholds are per
 * currency (an amount in a currency without a threshold never trips the rule).
 *
 * @param amountThresholds an order above this amount is riskier
 * @param firstOrderThresholds a buyer's first order above this amount is riskier
 * @param velocityCount this many orders (or more) from one e-mail address within
 * @param velocityWindowHours hours is suspicious
 * @param countryMismatch whether a billing country that differs from the buyer's IP country counts
 *     (only where the provider tells both)
 */
public record RiskRules(
        Map<String, Money> amountThresholds,
        Map<String, Money> firstOrderThresholds,
        int velocityCount,
        int velocityWindowHours,
        boolean countryMismatch) {

    public static final RiskRules DEFAULTS = new RiskRules(Map.of(), Map.of(), 3, 24, true);

    public RiskRules {
        amountThresholds = amountThresholds == null ? Map.of() : Map.copyOf(amountThresholds);
        firstOrderThresholds = firstOrderThresholds == null ? Map.of() : Map.copyOf(firstOrderThresholds);
        if (velocityCount < 2 || velocityCount > 1000) {
            throw new IllegalArgumentException("velocityCount must be from 2 to 1000");
        }
        if (velocityWindowHours < 1 || velocityWindowHours > 24 * 30) {
            throw new IllegalArgumentException("velocityWindowHours must be from 1 to 720");
        }
    }
}

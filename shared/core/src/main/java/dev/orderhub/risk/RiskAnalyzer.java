package dev.orderhub.risk;

import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores an order: the provider's own verdict is the base (Stripe Radar's risk_level and
 * risk_score, Shopify's risk level), each of the site's rules that holds adds points and a
 * reason, and the level is the higher of the provider's and the score's. A pure function, so the
 * dry run and the tests see exactly what the payment-events function does.
 */
public final class RiskAnalyzer {
    static final int AMOUNT_POINTS = 20;
    static final int VELOCITY_POINTS = 25;
    static final int FIRST_ORDER_POINTS = 15;
    static final int COUNTRY_POINTS = 20;

    private RiskAnalyzer() {}

    public static RiskAssessment analyze(Order order, RiskRules rules, RiskFacts facts, String id, String now) {
        List<String> reasons = new ArrayList<>();
        ProviderSignal signal = providerSignal(order.attributes());
        int score = 0;
        RiskLevel level = RiskLevel.LOW;
        if (signal != null) {
            score = signal.score();
            level = signal.level();
            reasons.add(signal.reason());
        }
        Money amount = order.amount();
        Money threshold = amount == null ? null : rules.amountThresholds().get(amount.currency());
        if (threshold != null && amount.minor() > threshold.minor()) {
            score += AMOUNT_POINTS;
            reasons.add("amount " + amount + " is above the site's threshold " + threshold);
        }
        if (facts.ordersFromEmailInWindow() >= rules.velocityCount()) {
            score += VELOCITY_POINTS;
            reasons.add(facts.ordersFromEmailInWindow() + " orders from this e-mail within "
                    + rules.velocityWindowHours() + " h");
        }
        Money firstThreshold = amount == null ? null : rules.firstOrderThresholds().get(amount.currency());
        if (facts.firstOrder() && firstThreshold != null && amount.minor() > firstThreshold.minor()) {
            score += FIRST_ORDER_POINTS;
            reasons.add("first order from this buyer, above " + firstThreshold);
        }
        String billing = attributeEndingWith(order.attributes(), ".billing_country");
        String ip = attributeEndingWith(order.attributes(), ".ip_country");
        if (rules.countryMismatch() && billing != null && ip != null && !billing.equalsIgnoreCase(ip)) {
            score += COUNTRY_POINTS;
            reasons.add("billing country " + billing.toUpperCase(Locale.ROOT) + " differs from IP country "
                    + ip.toUpperCase(Locale.ROOT));
        }
        if (reasons.isEmpty()) {
            reasons.add("no risk signal");
        }
        score = Math.min(100, Math.max(0, score));
        return new RiskAssessment(RiskLevel.max(level, RiskLevel.ofScore(score)), score, reasons, id, now);
    }

    record ProviderSignal(RiskLevel level, int score, String reason) {}

    /**
     * Stripe: risk_level normal / elevated / highest (and not_assessed, unknown: no signal) with
     * risk_score 0–99 when Radar gives one. Shopify: low / medium / high (or cancel / investigate
     * / accept from older risk APIs, mapped to their levels).
     */
    static ProviderSignal providerSignal(Map<String, String> a) {
        String stripe = a.get("stripe.risk_level");
        if (stripe != null) {
            RiskLevel level = switch (stripe) {
                case "normal" -> RiskLevel.LOW;
                case "elevated" -> RiskLevel.MEDIUM;
                case "highest" -> RiskLevel.HIGH;
                default -> null;
            };
            if (level != null) {
                Integer score = parse(a.get("stripe.risk_score"));
                int s = score != null ? score : defaultScore(level);
                return new ProviderSignal(level, s, "Stripe Radar: " + stripe + (score != null ? " (score " + score + ")" : ""));
            }
        }
        String shopify = a.get("shopify.risk_level");
        if (shopify != null) {
            RiskLevel level = switch (shopify) {
                case "low", "accept" -> RiskLevel.LOW;
                case "medium", "investigate" -> RiskLevel.MEDIUM;
                case "high", "cancel" -> RiskLevel.HIGH;
                default -> null;
            };
            if (level != null) {
                return new ProviderSignal(level, defaultScore(level), "Shopify fraud analysis: " + shopify);
            }
        }
        return null;
    }

    private static int defaultScore(RiskLevel level) {
        return switch (level) {
            case LOW -> 10;
            case MEDIUM -> 50;
            case HIGH -> 90;
        };
    }

    private static Integer parse(String s) {
        try {
            return s == null ? null : Math.max(0, Math.min(100, Integer.parseInt(s.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String attributeEndingWith(Map<String, String> a, String suffix) {
        return a.entrySet().stream().filter(e -> e.getKey().endsWith(suffix) && e.getValue() != null
                && e.getValue().length() == 2).map(Map.Entry::getValue).sorted().findFirst().orElse(null);
    }
}

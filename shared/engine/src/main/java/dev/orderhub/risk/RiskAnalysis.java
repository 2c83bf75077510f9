package dev.orderhub.risk;

import dev.orderhub.customer.Customers;
import dev.orderhub.event.EventKind;
import dev.orderhub.order.Order;
import java.time.Instant;

/**
 * Decides when an order is analyzed and gathers what the analysis needs. An order is analyzed
 * when it becomes paid or authorized (the provider's fraud verdict arrives with the payment), and
 * again when the provider re-assesses an order already analyzed (Shopify's
 * orders/risk_assessment_changed). Each analysis ends up in the same write as the event that
 * caused it, and becomes one {@code order.risk_analyzed} trigger.
 */
public final class RiskAnalysis {
    private final RiskRulesStore rules;
    private final Customers customers;

    public RiskAnalysis(RiskRulesStore rules, Customers customers) {
        this.rules = rules;
        this.customers = customers;
    }

    /** Whether applying an event of this kind, giving {@code next}, calls for an analysis. */
    public static boolean due(EventKind kind, Order next) {
        boolean analyzed = next.risk() != null;
        return switch (kind) {
            case PAYMENT_SUCCEEDED, PAYMENT_AUTHORIZED -> !analyzed;
            case RISK_ASSESSED -> analyzed;
            default -> false;
        };
    }

    /**
     * Analyzes the order. The buyer's history is recorded on the way (idempotently: a retry of the
     * same event counts the order once).
     */
    public RiskAssessment assess(Order order, String eventId, Instant now) {
        RiskRules r = rules.find(order.clientId());
        RiskFacts facts = RiskFacts.UNKNOWN;
        String email = order.buyerEmail();
        if (email != null && !email.isBlank()) {
            Customers.OrderFacts seen = customers.recordOrder(order.clientId(), email, order.orderId(), r.velocityWindowHours(), now);
            facts = new RiskFacts(seen.ordersInWindow(), seen.firstOrder());
        }
        return RiskAnalyzer.analyze(order, r, facts, eventId, now.toString());
    }
}

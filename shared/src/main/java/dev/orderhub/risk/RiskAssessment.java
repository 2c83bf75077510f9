package dev.orderhub.risk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hub's verdict on one order: a level, a 0–100 score and the reasons, in words a person can
 * check ("Stripe Radar: highest (score 91)", "3 orders from this e-mail in 24 h"). Kept on the
 * order as attributes {@code hub.risk.*}; {@code id} names the event that caused the analysis, so
 * that each analysis is one {@code order.risk_analyzed} trigger.
 */
public record RiskAssessment(RiskLevel level, int score, List<String> reasons, String id, String analyzedAt) {
    public static final String LEVEL = "hub.risk.level";
    public static final String SCORE = "hub.risk.score";
    public static final String REASONS = "hub.risk.reasons";
    public static final String ID = "hub.risk.id";
    public static final String ANALYZED_AT = "hub.risk.analyzedAt";
    /** Reasons are joined with this in the order's attribute (a map of strings). */
    static final String SEPARATOR = "; ";

    public RiskAssessment {
        reasons = List.copyOf(reasons);
    }

    public Map<String, String> attributes() {
        Map<String, String> a = new HashMap<>();
        a.put(LEVEL, level.wire());
        a.put(SCORE, Integer.toString(score));
        a.put(REASONS, String.join(SEPARATOR, reasons));
        a.put(ID, id);
        a.put(ANALYZED_AT, analyzedAt);
        return a;
    }

    /** The assessment stored on an order, or null when it was never analyzed. */
    public static RiskAssessment from(Map<String, String> attributes) {
        RiskLevel level = RiskLevel.fromWire(attributes.get(LEVEL));
        if (level == null) {
            return null;
        }
        String reasons = attributes.getOrDefault(REASONS, "");
        return new RiskAssessment(level, Integer.parseInt(attributes.getOrDefault(SCORE, "0")),
                reasons.isEmpty() ? List.of() : List.of(reasons.split(SEPARATOR)), attributes.get(ID),
                attributes.get(ANALYZED_AT));
    }
}

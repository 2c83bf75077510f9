package dev.orderhub.risk;

import java.util.List;
import java.util.Map;

/**
 * The hub's verdict on one order: a level, a 0–100 score and the reasons, in words a person can
 * check ("Stripe Radar: highest (score 91)", "3 orders from this e-mail in 24 h"). Kept on the
 * order as a field of its own ({@link dev.orderhub.order.Order#risk()}); {@code id} names the event
 * that caused the analysis, so that each analysis is one {@code order.risk_analyzed} trigger.
 */
public record RiskAssessment(RiskLevel level, int score, List<String> reasons, String id, String analyzedAt) {
    /** Attributes an order stored before the assessment was a field of its own kept it in (read, never written). */
    private static final String LEGACY_LEVEL = "hub.risk.level";
    private static final String LEGACY_SCORE = "hub.risk.score";
    private static final String LEGACY_REASONS = "hub.risk.reasons";
    private static final String LEGACY_ID = "hub.risk.id";
    private static final String LEGACY_ANALYZED_AT = "hub.risk.analyzedAt";
    /** The legacy attribute joined the reasons with this. */
    private static final String LEGACY_SEPARATOR = "; ";

    public RiskAssessment {
        reasons = List.copyOf(reasons);
    }

    /**
     * The assessment an order stored before it was a field of its own kept in its attributes, or null
     * when there is none. Only for such a stored item: a provider's attributes are never read as one.
     */
    public static RiskAssessment fromLegacyAttributes(Map<String, String> attributes) {
        RiskLevel level = RiskLevel.fromWire(attributes.get(LEGACY_LEVEL));
        if (level == null) {
            return null;
        }
        String reasons = attributes.getOrDefault(LEGACY_REASONS, "");
        int score;
        try {
            score = Integer.parseInt(attributes.getOrDefault(LEGACY_SCORE, "0"));
        } catch (NumberFormatException unreadable) {
            score = 0;
        }
        return new RiskAssessment(level, score, reasons.isEmpty() ? List.of() : List.of(reasons.split(LEGACY_SEPARATOR)),
                attributes.get(LEGACY_ID), attributes.get(LEGACY_ANALYZED_AT));
    }
}

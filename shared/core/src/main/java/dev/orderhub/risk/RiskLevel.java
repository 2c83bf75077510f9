package dev.orderhub.risk;

import java.util.Locale;

/** How likely an order is fraudulent, in the hub's three words (Shopify's own scale). Declared low to high. */
public enum RiskLevel {
    LOW,
    MEDIUM,
    HIGH;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null for anything that is not one of the three words. */
    public static RiskLevel fromWire(String s) {
        if (s == null) {
            return null;
        }
        for (RiskLevel l : values()) {
            if (l.wire().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        return null;
    }

    public static RiskLevel max(RiskLevel a, RiskLevel b) {
        if (a == null) {
            return b;
        }
        return b == null || a.ordinal() >= b.ordinal() ? a : b;
    }

    /**
     * The level a 0–100 score stands for on its own, in Stripe Radar's bands (normal below 65,
     * elevated 65–74, highest from 75), so a Radar score keeps the level Radar gave it.
     */
    public static RiskLevel ofScore(int score) {
        return score >= 75 ? HIGH : score >= 65 ? MEDIUM : LOW;
    }
}

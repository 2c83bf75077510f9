package dev.orderhub.workflow;

import dev.orderhub.money.Money;
import dev.orderhub.risk.RiskAssessment;
import dev.orderhub.risk.RiskLevel;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Subjects for condition tests. */
final class Subjects {
    private Subjects() {}

    static Subject of(RiskLevel level, int score, String amount, String currency) {
        return new Subject("site_a", "stripe_x", "stripe", "pi_1", "pending",
                amount == null ? null : Money.parse(amount, currency), "Kim Minsu", "kim@shop.example.kr",
                List.of("Mug"), Set.of("vip"), Map.of(),
                level == null ? null : new RiskAssessment(level, score, List.of("test"), "evt_1", "2025-01-01T00:00:00Z"),
                true, null);
    }
}

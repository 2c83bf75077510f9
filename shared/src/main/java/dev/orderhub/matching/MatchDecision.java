package dev.orderhub.matching;

import java.util.List;

/**
 * What the rules concluded for one order: matched to exactly one intent, or review with the
 * candidates and the reason.
 */
public record MatchDecision(boolean matched, String intentId, List<String> candidates, String reason) {
    public MatchDecision {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    static MatchDecision match(String intentId, String reason) {
        return new MatchDecision(true, intentId, List.of(intentId), reason);
    }

    static MatchDecision review(List<String> candidates, String reason) {
        return new MatchDecision(false, null, candidates, reason);
    }
}

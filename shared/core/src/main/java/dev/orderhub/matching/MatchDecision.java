package dev.orderhub.matching;

import java.util.List;

/**
 * What the rules concluded for one order: matched to exactly one intent, or review with the
 * candidates, the reason and, when the rules found exactly one they may not take on their own,
 * that one as the suggestion.
 */
public record MatchDecision(boolean matched, String intentId, List<String> candidates, String reason, String suggested) {
    public MatchDecision {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    static MatchDecision match(String intentId, String reason) {
        return new MatchDecision(true, intentId, List.of(intentId), reason, null);
    }

    static MatchDecision review(List<String> candidates, String reason) {
        return new MatchDecision(false, null, candidates, reason, null);
    }

    static MatchDecision suggest(String intentId, String reason) {
        return new MatchDecision(false, null, List.of(intentId), reason, intentId);
    }
}

package dev.orderhub.matching;

import dev.orderhub.intent.Intent;
import dev.orderhub.order.Order;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The matching rules, as a pure function of the order and the intents that could be its, so that
 * every decision is deterministic and can be explained and tested without a database:
 * <ol>
 *   <li>a reference found in the order's message ({@link dev.orderhub.intent.References}) that
 *       belongs to exactly one open intent wins;</li>
 *   <li>otherwise, open intents with the order's buyer e-mail (case-insensitive), amount and
 *       currency, created at most {@code window} before the order (and at most {@link #CLOCK_SKEW}
 *       after it: the order's time is the provider's clock): exactly one matches;</li>
 *   <li>anything else (none, several, or auto-matching switched off) goes to review with the
 *       candidates and the reason.</li>
 * </ol>
 */
public final class MatchRules {
    /** Providers' clocks and ours disagree a little; an intent this much "after" the order still counts. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private MatchRules() {}

    /**
     * @param references the well-formed references found in the order's message
     * @param byReference the open intents those references resolved to
     * @param recent open intents of the site created around the order (the caller's query; filtered again here)
     */
    public static MatchDecision decide(Order order, boolean autoMatch, Duration window, Set<String> references,
            Collection<Intent> byReference, Collection<Intent> recent) {
        MatchDecision d = rules(order, window, references, byReference, recent);
        if (!autoMatch) {
            return MatchDecision.review(d.candidates(), "auto-match is off; would be: " + d.reason());
        }
        return d;
    }

    private static MatchDecision rules(Order order, Duration window, Set<String> references,
            Collection<Intent> byReference, Collection<Intent> recent) {
        Map<String, Intent> referenced = new LinkedHashMap<>();
        byReference.forEach(i -> referenced.putIfAbsent(i.intentId(), i));
        if (referenced.size() == 1) {
            Intent i = referenced.values().iterator().next();
            return MatchDecision.match(i.intentId(), "reference " + i.reference() + " in message");
        }
        if (referenced.size() > 1) {
            return MatchDecision.review(List.copyOf(referenced.keySet()),
                    referenced.size() + " references in message belong to open intents");
        }
        List<String> candidates = recent.stream().filter(i -> sameBuyerAndAmount(order, i) && inWindow(order, i, window))
                .map(Intent::intentId).distinct().sorted().toList();
        String unresolved = references.isEmpty() ? ""
                : "reference " + String.join(", ", references) + " in message is unknown, expired or taken; ";
        if (candidates.size() == 1) {
            return MatchDecision.match(candidates.get(0), unresolved + "email+amount+currency, 1 candidate");
        }
        return MatchDecision.review(candidates, unresolved
                + (candidates.isEmpty() ? "no candidate" : candidates.size() + " candidates") + " by email+amount+currency");
    }

    static boolean sameBuyerAndAmount(Order order, Intent i) {
        return order.buyerEmail() != null && order.amount() != null
                && normalizeEmail(order.buyerEmail()).equals(normalizeEmail(i.buyerEmail()))
                && order.amount().equals(i.amount());
    }

    static boolean inWindow(Order order, Intent i, Duration window) {
        Instant orderAt = Instant.parse(order.createdAt());
        Instant intentAt = Instant.parse(i.createdAt());
        return !intentAt.isBefore(orderAt.minus(window)) && !intentAt.isAfter(orderAt.plus(CLOCK_SKEW));
    }

    private static String normalizeEmail(String e) {
        return e.trim().toLowerCase(Locale.ROOT);
    }
}

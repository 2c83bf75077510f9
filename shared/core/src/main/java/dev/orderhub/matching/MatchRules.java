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
 *       belongs to exactly one open intent, and a payment that fits it ({@link PaymentFit}: same
 *       currency, the intent's provider, at least its amount, same test mode) → matched. A
 *       reference with a payment that does not fit goes to review saying what differs: references
 *       are short and shown to the buyer, so anyone who saw one could otherwise pay a token amount
 *       with it;</li>
 *   <li>otherwise, open intents with the order's buyer e-mail (case-insensitive), amount and
 *       currency, a fitting payment, created at most {@code window} before the payment (and at most
 *       {@link #CLOCK_SKEW} after it), the payment's time being {@link #matchTime}: exactly one is
 *       a <em>suggestion</em> for review, pre-selected there. Intents are public, so anyone can
 *       create one with someone else's e-mail and the amount they are about to pay; only a site
 *       that opts in ({@code autoMatchByEmail}) has that one matched without a person;</li>
 *   <li>anything else (none, several, or auto-matching switched off) goes to review with the
 *       candidates and the reason; with none, the reason names the rule the closest intents
 *       failed ({@link #whyNoCandidate}).</li>
 * </ol>
 */
public final class MatchRules {
    /** Providers' clocks and ours disagree a little; an intent this much "after" the order still counts. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(10);
    static final String BY_EMAIL_OFF = "auto-match by e-mail is off (site setting autoMatchByEmail)";

    private MatchRules() {}

    /** The rules with e-mail matching as a suggestion only (the default). */
    public static MatchDecision decide(Order order, boolean autoMatch, Duration window, Set<String> references,
            Collection<Intent> byReference, Collection<Intent> recent) {
        return decide(order, autoMatch, false, window, references, byReference, recent);
    }

    /**
     * @param autoMatchByEmail whether one e-mail + amount candidate is matched (true) or only suggested
     * @param references the well-formed references found in the order's message
     * @param byReference the open intents those references resolved to
     * @param recent open intents of the site created around the order (the caller's query; filtered again here)
     */
    public static MatchDecision decide(Order order, boolean autoMatch, boolean autoMatchByEmail, Duration window,
            Set<String> references, Collection<Intent> byReference, Collection<Intent> recent) {
        MatchDecision d = rules(order, autoMatchByEmail, window, references, byReference, recent);
        if (!autoMatch) {
            String wouldBe = d.matched() ? d.intentId() : d.suggested();
            return new MatchDecision(false, null, d.candidates(), "auto-match is off; would be: " + d.reason(), wouldBe);
        }
        return d;
    }

    private static MatchDecision rules(Order order, boolean autoMatchByEmail, Duration window, Set<String> references,
            Collection<Intent> byReference, Collection<Intent> recent) {
        Map<String, Intent> referenced = new LinkedHashMap<>();
        byReference.forEach(i -> referenced.putIfAbsent(i.intentId(), i));
        if (referenced.size() == 1) {
            Intent i = referenced.values().iterator().next();
            String found = "reference " + i.reference() + " in message";
            return PaymentFit.fits(order, i) ? MatchDecision.match(i.intentId(), found)
                    : MatchDecision.review(List.of(i.intentId()), found + ", but " + PaymentFit.mismatch(order, i));
        }
        if (referenced.size() > 1) {
            return MatchDecision.review(List.copyOf(referenced.keySet()),
                    referenced.size() + " references in message belong to open intents");
        }
        List<String> candidates = recent.stream()
                .filter(i -> sameBuyerAndAmount(order, i) && PaymentFit.fits(order, i) && inWindow(order, i, window))
                .map(Intent::intentId).distinct().sorted().toList();
        String unresolved = references.isEmpty() ? ""
                : "reference " + String.join(", ", references) + " in message is unknown, expired or taken; ";
        if (candidates.size() == 1) {
            return autoMatchByEmail
                    ? MatchDecision.match(candidates.get(0), unresolved + "email+amount+currency, 1 candidate")
                    : MatchDecision.suggest(candidates.get(0),
                            unresolved + "email+amount+currency suggests 1 candidate; " + BY_EMAIL_OFF);
        }
        return MatchDecision.review(candidates, unresolved + (candidates.isEmpty()
                ? "no candidate: " + whyNoCandidate(order, window, recent)
                : candidates.size() + " candidates by email+amount+currency"));
    }

    /**
     * Which rule the closest intents failed, checked in the rules' own order (e-mail, then amount
     * and currency, then provider and mode, then the window), so that the reason is true of the
     * intents the caller looked at: "no candidate" alone would hide two intents that match
     * everything but were created a day too early.
     */
    static String whyNoCandidate(Order order, Duration window, Collection<Intent> recent) {
        if (order.buyerEmail() == null || order.buyerEmail().isBlank()) {
            return "the payment carries no buyer e-mail";
        }
        if (order.amount() == null) {
            return "the payment carries no amount";
        }
        List<Intent> sameEmail = recent.stream()
                .filter(i -> i.buyerEmail() != null && normalizeEmail(order.buyerEmail()).equals(normalizeEmail(i.buyerEmail())))
                .toList();
        if (sameEmail.isEmpty()) {
            return "no open intent with this e-mail";
        }
        List<Intent> sameAmount = sameEmail.stream().filter(i -> sameBuyerAndAmount(order, i)).toList();
        if (sameAmount.isEmpty()) {
            List<String> expected = sameEmail.stream().map(i -> i.amount().toString()).distinct().sorted().limit(5).toList();
            return count(sameEmail.size(), "open intent") + " with this e-mail, but for another amount or currency: paid "
                    + order.amount() + ", " + (sameEmail.size() == 1 ? "it expects " : "they expect ") + String.join(", ", expected);
        }
        List<Intent> fitting = sameAmount.stream().filter(i -> PaymentFit.fits(order, i)).toList();
        if (fitting.isEmpty()) {
            return count(sameAmount.size(), "intent") + (sameAmount.size() == 1 ? " matches" : " match")
                    + " e-mail, amount and currency, but " + PaymentFit.mismatch(order, sameAmount.get(0));
        }
        Instant orderAt = matchTime(order);
        long before = fitting.stream().filter(i -> Instant.parse(i.createdAt()).isBefore(orderAt.minus(window))).count();
        long after = fitting.size() - before;
        String beforeText = "outside the " + window.toHours() + " h window before the order";
        String afterText = "more than " + CLOCK_SKEW.toMinutes() + " min after ";
        String when = before > 0 && after > 0 ? beforeText + " (" + before + ") or " + afterText + "it (" + after + ")"
                : before > 0 ? beforeText : afterText + "the order";
        return count(fitting.size(), "intent") + (fitting.size() == 1 ? " matches" : " match")
                + " e-mail, amount and currency but " + (fitting.size() == 1 ? "was" : "were") + " created " + when;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static boolean sameBuyerAndAmount(Order order, Intent i) {
        return order.buyerEmail() != null && order.amount() != null
                && normalizeEmail(order.buyerEmail()).equals(normalizeEmail(i.buyerEmail()))
                && order.amount().equals(i.amount());
    }

    /**
     * When the order's payment happened, as far as matching is concerned: the provider's time
     * (createdAt), but never later than when the hub had the payment (receivedAt, the clock
     * intents are created by). A late delivery or a history sync thus keeps the purchase's own
     * time, so an intent created after the payment (or long after an old one) is never its
     * candidate; and a provider clock that runs ahead cannot admit intents created after the hub
     * already had the payment. A provider clock running behind only sends the order to review.
     * Orders stored before receivedAt was kept use the provider's time.
     */
    public static Instant matchTime(Order order) {
        Instant providerAt = Instant.parse(order.createdAt());
        if (order.receivedAt() == null) {
            return providerAt;
        }
        Instant receivedAt = Instant.parse(order.receivedAt());
        return receivedAt.isBefore(providerAt) ? receivedAt : providerAt;
    }

    static boolean inWindow(Order order, Intent i, Duration window) {
        Instant orderAt = matchTime(order);
        Instant intentAt = Instant.parse(i.createdAt());
        return !intentAt.isBefore(orderAt.minus(window)) && !intentAt.isAfter(orderAt.plus(CLOCK_SKEW));
    }

    private static String normalizeEmail(String e) {
        return e.trim().toLowerCase(Locale.ROOT);
    }
}

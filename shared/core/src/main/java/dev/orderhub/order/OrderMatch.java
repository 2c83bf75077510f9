package dev.orderhub.order;

import dev.orderhub.money.Money;
import java.util.List;

/**
 * How an order was tied to the buyer's payment intent, or why it waits for a person.
 *
 * @param intentId the matched intent, null while unmatched
 * @param reason why, in words an admin can check: "reference OH-7KQ2-M9 in message",
 *     "reference OH-7KQ2-M9 in message, but paid 1.00 USD via kofi, intent expects 500.00 USD via kofi",
 *     "email+amount+currency suggests 1 candidate; …", "2 candidates", "no candidate: no open intent with this e-mail", "manual by key_…",
 *     "confirmed without an intent by key_…", "dismissed by key_…: …", "closed without review: the order is refunded; …"
 * @param review NEEDED puts the order in the site's review queue (index gsi2)
 * @param candidates intent ids a reviewer should look at (empty when there were none)
 * @param decidedAt when the reason was recorded
 * @param suggested the one candidate the rules would pick but may not take on their own (an
 *     e-mail + amount match, or any match while auto-matching is off): pre-selected for review; null otherwise
 * @param expected the matched intent's amount, recorded with the match so that what the buyer
 *     was asked to pay travels with the order (webhooks); null while unmatched
 */
public record OrderMatch(String intentId, String reason, Review review, List<String> candidates, String decidedAt,
        String suggested, Money expected) {
    public static final OrderMatch NONE = new OrderMatch(null, null, Review.NONE, List.of(), null);

    /**
     * Where the order stands with review. NEEDED is the only state in the review queue; the others
     * say how it left it: RESOLVED (matched to an intent by hand), CONFIRMED (an admin confirmed the
     * payment without an intent), DISMISSED (an admin said it needs no confirmation), CLOSED (it
     * reached a status that leaves nothing to confirm, see {@link ReviewChanges#closesReview}).
     */
    public enum Review { NONE, NEEDED, RESOLVED, CONFIRMED, DISMISSED, CLOSED }

    public OrderMatch {
        review = review == null ? Review.NONE : review;
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    /** A decision without a suggestion or an expected amount (review states, unmatched orders). */
    public OrderMatch(String intentId, String reason, Review review, List<String> candidates, String decidedAt) {
        this(intentId, reason, review, candidates, decidedAt, null, null);
    }

    public boolean matched() {
        return intentId != null;
    }

    /** Whether a person took the order out of review without an intent: matching leaves it alone from then on. */
    public boolean settledByHand() {
        return review == Review.CONFIRMED || review == Review.DISMISSED;
    }
}

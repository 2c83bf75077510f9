package dev.orderhub.order;

import dev.orderhub.money.Money;
import java.util.List;

/**
 * How an order was tied to the buyer's payment intent, or why it waits for a person.
 *
 * @param intentId the matched intent, null while unmatched
 * @param reason why, in words an admin can check: "reference OH-7KQ2-M9 in message",
 *     "reference OH-7KQ2-M9 in message, but paid 1.00 USD via kofi, intent expects 500.00 USD via kofi",
 *     "email+amount+currency suggests 1 candidate; …", "2 candidates", "no candidate", "manual by key_…"
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

    public enum Review { NONE, NEEDED, RESOLVED }

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
}

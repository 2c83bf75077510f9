package dev.orderhub.order;

import java.util.List;

/**
 * How an order was tied to the buyer's payment intent, or why it waits for a person.
 *
 * @param intentId the matched intent, null while unmatched
 * @param reason why, in words an admin can check: "reference OH-7KQ2-M9 in message",
 *     "email+amount+currency, 1 candidate", "2 candidates", "no candidate", "manual by key_…"
 * @param review NEEDED puts the order in the site's review queue (index gsi2)
 * @param candidates intent ids a reviewer should look at (empty when there were none)
 * @param decidedAt when the reason was recorded
 */
public record OrderMatch(String intentId, String reason, Review review, List<String> candidates, String decidedAt) {
    public static final OrderMatch NONE = new OrderMatch(null, null, Review.NONE, List.of(), null);

    public enum Review { NONE, NEEDED, RESOLVED }

    public OrderMatch {
        review = review == null ? Review.NONE : review;
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    public boolean matched() {
        return intentId != null;
    }
}

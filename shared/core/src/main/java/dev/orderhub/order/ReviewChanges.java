package dev.orderhub.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * How an order leaves review without an intent, as pure functions of the order: an admin confirms
 * the payment ({@link #confirmWithoutIntent}) or dismisses the review ({@link #dismiss}), or the
 * order reaches a status that leaves nothing to confirm ({@link #closeIfFinal}, applied by
 * {@link OrderCommit} to every change, so whoever changes the order). Review exists to tie a payment to what the buyer asked for; most sellers of
 * Ko-fi, Buy Me a Coffee or Shopify create no intents, and without these their payments would wait
 * for review forever.
 */
public final class ReviewChanges {
    /**
     * The statuses that close review: the seller delivered (done), the money went back
     * (refunded), or none was taken (failed, canceled). Disputed and partially refunded orders
     * still hold money in question, so they stay. Failed is not final for the order (a later
     * payment can still succeed), but a payment that then succeeds is matched, and reviewed,
     * afresh ({@link dev.orderhub.matching.IntentMatcher#due}).
     */
    private static final Set<OrderStatus> CLOSING = EnumSet.of(OrderStatus.FAILED, OrderStatus.DONE, OrderStatus.REFUNDED,
            OrderStatus.CANCELED);

    private ReviewChanges() {}

    /** The order does not wait for review (any more, or ever did): nothing to confirm or dismiss. */
    public static final class NotInReview extends RuntimeException {
        private final OrderMatch.Review state;

        public NotInReview(OrderMatch.Review state) {
            super("the order is not waiting for review (review: " + state.name().toLowerCase(java.util.Locale.ROOT) + ")",
                    null, false, false);
            this.state = state;
        }

        public OrderMatch.Review state() {
            return state;
        }
    }

    public static boolean closesReview(OrderStatus status) {
        return CLOSING.contains(status);
    }

    /** An admin confirms the payment without tying it to an intent; {@code note} is optional. */
    public static Order confirmWithoutIntent(Order o, String by, String note, String at) {
        return leave(o, OrderMatch.Review.CONFIRMED,
                "confirmed without an intent by " + by + (note == null || note.isBlank() ? "" : ": " + note), at);
    }

    /** An admin says the order needs no confirmation. */
    public static Order dismiss(Order o, String by, String reason, String at) {
        return leave(o, OrderMatch.Review.DISMISSED, "dismissed by " + by + ": " + reason, at);
    }

    /** The order, out of review if it waits for it in a status that closes review; otherwise unchanged. */
    public static Order closeIfFinal(Order o, String at) {
        if (o.match().review() != OrderMatch.Review.NEEDED || !closesReview(o.status())) {
            return o;
        }
        return withReview(o, OrderMatch.Review.CLOSED,
                "closed without review: the order is " + o.status().wire() + "; was: " + o.match().reason(), at);
    }

    private static Order leave(Order o, OrderMatch.Review outcome, String reason, String at) {
        if (o.match().review() != OrderMatch.Review.NEEDED) {
            throw new NotInReview(o.match().review());
        }
        return withReview(o, outcome, reason, at);
    }

    /** The match with a new review state and reason; the candidates and suggestion stay, to show what was reviewed. */
    private static Order withReview(Order o, OrderMatch.Review review, String reason, String at) {
        OrderMatch m = o.match();
        return o.withMatch(new OrderMatch(m.intentId(), reason, review, m.candidates(), at, m.suggested(), m.expected()));
    }
}

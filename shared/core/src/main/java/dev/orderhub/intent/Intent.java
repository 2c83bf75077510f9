package dev.orderhub.intent;

import dev.orderhub.db.Timestamps;
import dev.orderhub.money.Money;
import java.time.Instant;

/**
 * What a buyer said they were about to pay, recorded when they clicked the site's support/buy
 * button: the other half of an automatic match with the provider's order.
 *
 * @param reference the short code the buyer pastes into the provider's message field
 * @param createdAt fixed-width UTC timestamp (see {@link #timestamp}), so that it sorts as text
 * @param expiresAt epoch seconds after which an open intent is treated as absent (TTL attribute);
 *     0 once matched: a matched intent is kept as long as its order
 * @param orderId the order it was matched to, null while open
 * @param test created for the seller's own testing: only a provider's test-mode payment pays it,
 *     and a test-mode payment pays nothing else
 */
public record Intent(
        String clientId,
        String intentId,
        String reference,
        String buyerName,
        String buyerEmail,
        Money amount,
        String provider,
        String item,
        String note,
        String createdAt,
        long expiresAt,
        State state,
        String orderId,
        String matchedAt,
        String matchReason,
        boolean test) {

    public enum State { OPEN, MATCHED }

    /** Millisecond UTC timestamps of one width, so that text order is time order. */
    public static String timestamp(Instant t) {
        return Timestamps.fixed(t);
    }

    /** Open and not past its expiry: the only intents an order may still be matched to. */
    public boolean openAt(Instant now) {
        return state == State.OPEN && expiresAt > now.getEpochSecond();
    }
}

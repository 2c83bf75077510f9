package dev.orderhub.intent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the order matcher asks of a site's intents: read the open ones and claim one for an order.
 * The claim is the conditional write that stops two orders taking one intent: it succeeds only
 * while the intent is open and unexpired, or again for the very order (and attempt) that holds it.
 * Implemented by {@link IntentRepository}; unit tests use an in-memory one.
 */
public interface OpenIntents {
    /** The intent, or empty when unknown or open past its expiry. */
    Optional<Intent> find(String clientId, String intentId, Instant now);

    /** The live intent holding this reference, matched or open. */
    Optional<Intent> findByReference(String clientId, String reference, Instant now);

    /** Open, unexpired intents of the site created in [from, to], oldest first. */
    List<Intent> openCreatedBetween(String clientId, Instant from, Instant to, Instant now);

    /** Open intents created before {@code before} (not at it) back to {@code from}, newest first, at most {@code max} read. */
    IntentRepository.Slice openCreatedBefore(String clientId, Instant from, Instant before, Instant now, int max);

    /** Open intents created after {@code after} (not at it) up to {@code to}, oldest first, at most {@code max} read. */
    IntentRepository.Slice openCreatedAfter(String clientId, Instant after, Instant to, Instant now, int max);

    /** Links the intent to the order if still open (see {@link IntentRepository#claim}); false when another order has it. */
    boolean claim(String clientId, String intentId, String orderId, String reason, Instant now, long orderVersion,
            long expiresAt);
}

package dev.orderhub.intent;

import dev.orderhub.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A site's payment intents (the hub's table: {@code DynamoIntentRepository}): created for buyers,
 * read and claimed by the intent matcher, released when a claiming write lost its race, and the buyer
 * status token's owner. An intent open past its expiry is treated as absent.
 */
public interface IntentRepository extends OpenIntents {
    /** The buyer's part of a new intent; the repository adds ids, reference and times. */
    record Draft(String buyerName, String buyerEmail, Money amount, String provider, String item, String note,
            boolean test) {}

    /** The status token's owner site and hash. */
    record StatusAccess(String clientId, String intentId, String tokenHash) {}

    /** Some of the open intents in a range; {@code complete} when none was left unread. */
    record Slice(List<Intent> intents, boolean complete) {}

    /** Stores a new open intent under a reference no other live intent of the site holds. */
    Intent create(String clientId, Draft d, String tokenHash, Instant now, Duration ttl);

    /** The same under a given id (local mode's demo intent, whose id the sample events name). */
    Intent create(String clientId, String intentId, Draft d, String tokenHash, Instant now, Duration ttl);

    /** As {@link #openCreatedBetween(String, Instant, Instant, Instant)}, reading no more than {@code max} index items. */
    Slice openCreatedBetween(String clientId, Instant from, Instant to, Instant now, int max);

    /**
     * Reopens an intent claimed for an order whose write then lost its race, unless a later
     * attempt claimed it since (its claim carries a newer order version). False when it was not released.
     */
    boolean release(String clientId, String intentId, String orderId, long orderVersion);

    /** Who may read the status of the order linked to this intent: its site and the status token's hash. */
    Optional<StatusAccess> statusAccess(String intentId, Instant now);
}

package dev.orderhub.delivery;

import dev.orderhub.db.Keys;
import dev.orderhub.db.Timestamps;
import java.time.Duration;
import java.time.Instant;

/**
 * The delivery log's items, one partition per site ({@code DELIVERY#<clientId>}), every sort key
 * {@code T#<fixed-width UTC time>#…} so that a time range is one key condition:
 * <ul>
 * <li>an accepted callback: {@code T#<receivedAt>#<event id or random id>}, one item each;
 * <li>the refused callbacks of one minute: {@code T#<minute start>#REFUSED}, one item per site and
 * minute holding a counter of all of them ({@code refused}, and {@code refused_<provider>}) and
 * the detail of at most {@link #MAX_DETAILED_PER_MINUTE} in slots {@code r0}, {@code r1}, ….
 * </ul>
 * Everything expires after {@link #RETENTION} (TTL {@code expiresAt}).
 */
public final class DeliveryItems {
    public static final Duration RETENTION = Duration.ofDays(30);
    /**
     * Refused callbacks kept in detail per site and minute, at most. Each detail takes about 80
     * bytes in the minute's item; ten keep that item under 1 KB, so that every refused callback,
     * past the bound too, costs one write unit.
     */
    public static final int MAX_DETAILED_PER_MINUTE = 10;
    static final String SLOT = "r";

    private DeliveryItems() {}

    public static String partition(String clientId) {
        return Keys.deliveries(clientId);
    }

    static String acceptedSk(Instant receivedAt, String id) {
        return Keys.deliveryAccepted(receivedAt, id);
    }

    static Instant minute(Instant t) {
        return Instant.ofEpochSecond(t.getEpochSecond() - Math.floorMod(t.getEpochSecond(), 60));
    }

    static String minuteSk(Instant minute) {
        return Keys.deliveryRefused(minute);
    }

    /** The sort-key bound of a time: every item of a later time sorts after it. */
    static String timeBound(Instant t) {
        return Keys.deliveryTimeBound(t);
    }

    static long expiresAt(Instant receivedAt) {
        return receivedAt.plus(RETENTION).getEpochSecond();
    }
}

package dev.orderhub.order;

import dev.orderhub.db.Timestamps;
import dev.orderhub.log.JsonLog;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An admin takes an order out of review without an intent: confirms the payment or dismisses the
 * review ({@link ReviewChanges} decides the new order). The write is this class's one method, an
 * optimistic-locked write of the order at the version read (re-read and re-decided on a lost
 * race), then the audit entry saying who did it.
 */
public final class ManualReview {
    private static final JsonLog LOG = JsonLog.get(ManualReview.class);
    private static final int MAX_ATTEMPTS = 10;
    private final OrderRepository orders;
    private final AuditTrail audit;
    private final Clock clock;

    public ManualReview(OrderRepository orders, AuditTrail audit, Clock clock) {
        this.orders = orders;
        this.audit = audit;
        this.clock = clock;
    }

    /** Confirms the payment without an intent; {@code note} may be null. */
    public Optional<Order> confirm(String clientId, String orderId, String note, String by) {
        return write(clientId, orderId, by, (o, at) -> ReviewChanges.confirmWithoutIntent(o, by, note, at), note);
    }

    /** Dismisses the review: the order needs no confirmation. */
    public Optional<Order> dismiss(String clientId, String orderId, String reason, String by) {
        return write(clientId, orderId, by, (o, at) -> ReviewChanges.dismiss(o, by, reason, at), reason);
    }

    private interface Change {
        /** The order out of review; throws {@link ReviewChanges.NotInReview} when it is not in review. */
        Order apply(Order current, String at);
    }

    /** Empty when the order does not exist; throws {@link ReviewChanges.NotInReview} when there is nothing to take out. */
    private Optional<Order> write(String clientId, String orderId, String by, Change change, String text) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Order> read = orders.find(clientId, orderId);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            Order current = read.get();
            Instant now = clock.instant();
            Order next = change.apply(current, now.toString());
            if (orders.save(next, current.version())) {
                // After the write: a refused or lost attempt leaves no trace in the audit trail.
                Map<String, String> details = new LinkedHashMap<>();
                details.put("review", next.match().review().name().toLowerCase(java.util.Locale.ROOT));
                details.put("wasReason", current.match().reason() == null ? "" : current.match().reason());
                if (text != null) {
                    details.put("note", text);
                }
                audit.add(clientId, orderId, new AuditTrail.Entry(Timestamps.fixed(now), "review", by, details));
                LOG.info("order taken out of review by hand", "clientId", clientId, "orderId", orderId, "keyId", by,
                        "review", details.get("review"));
                return Optional.of(next.withVersion(current.version() + 1));
            }
        }
        throw new IllegalStateException("order " + orderId + " kept changing; try again");
    }
}

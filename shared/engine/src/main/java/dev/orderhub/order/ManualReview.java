package dev.orderhub.order;

import dev.orderhub.log.JsonLog;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An admin takes an order out of review without an intent: confirms the payment or dismisses the
 * review ({@link ReviewChanges} decides the new order), through the {@link OrderCommit} like every
 * other change, which keeps the audit entry saying who did it.
 */
public final class ManualReview {
    private static final JsonLog LOG = JsonLog.get(ManualReview.class);
    private final OrderCommit commit;
    private final Clock clock;

    public ManualReview(OrderCommit commit, Clock clock) {
        this.commit = commit;
        this.clock = clock;
    }

    /** Confirms the payment without an intent; {@code note} may be null. */
    public Optional<Order> confirm(String clientId, String orderId, String note, String by) {
        return write(clientId, orderId, by, "confirmed", note,
                o -> ReviewChanges.confirmWithoutIntent(o, by, note, clock.instant().toString()));
    }

    /** Dismisses the review: the order needs no confirmation. */
    public Optional<Order> dismiss(String clientId, String orderId, String reason, String by) {
        return write(clientId, orderId, by, "dismissed", reason,
                o -> ReviewChanges.dismiss(o, by, reason, clock.instant().toString()));
    }

    /** Empty when the order does not exist; throws {@link ReviewChanges.NotInReview} when there is nothing to take out. */
    private Optional<Order> write(String clientId, String orderId, String by, String outcome, String text,
            java.util.function.UnaryOperator<Order> change) {
        Optional<Order> read = commit.find(clientId, orderId);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("review", outcome);
        details.put("wasReason", read.get().match().reason() == null ? "" : read.get().match().reason());
        if (text != null) {
            details.put("note", text);
        }
        OrderCommit.Result r = commit.commit(clientId, orderId, OrderCommit.Change.ofExisting(change),
                OrderCommit.Cause.person(by, "review", details, null));
        if (r.after() == null) {
            return Optional.empty();
        }
        LOG.info("order taken out of review by hand", "clientId", clientId, "orderId", orderId, "keyId", by,
                "review", outcome);
        return Optional.of(r.after());
    }
}

package dev.orderhub.order;

import dev.orderhub.db.Ids;
import dev.orderhub.db.Timestamps;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.live.StatusChanges;
import dev.orderhub.log.JsonLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An admin's status change: allowed only along {@link ManualTransitions}, applied as a
 * {@link EventKind#MANUAL_STATUS} event through {@link OrderLifecycle} with the same
 * optimistic-locked write as provider events (so it takes part in the status maximum and a
 * later callback cannot undo it), then kept in the order's history and audit trail and announced
 * to a buyer watching live ({@link StatusChanges}).
 */
public final class ManualStatusChange {
    private static final JsonLog LOG = JsonLog.get(ManualStatusChange.class);
    private static final int MAX_ATTEMPTS = 10;
    private final OrderRepository orders;
    private final AuditTrail audit;
    private final StatusChanges statusChanges;
    private final Clock clock;

    public ManualStatusChange(OrderRepository orders, AuditTrail audit, StatusChanges statusChanges, Clock clock) {
        this.orders = orders;
        this.audit = audit;
        this.statusChanges = statusChanges;
        this.clock = clock;
    }

    /** The change is not in the table for the order's current status. */
    public static final class IllegalTransition extends RuntimeException {
        public IllegalTransition(OrderStatus from, OrderStatus to) {
            super("an order that is " + from.wire() + " cannot be set to " + to.wire() + " by hand; allowed from "
                    + from.wire() + ": " + (ManualTransitions.targets(from).isEmpty() ? "nothing"
                            : ManualTransitions.targets(from).stream().sorted().map(OrderStatus::wire).toList()),
                    null, false, false);
        }
    }

    /** Empty when the order does not exist; throws {@link IllegalTransition} when the table forbids it. */
    public Optional<Order> apply(String clientId, String orderId, OrderStatus target, String reason, String by) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Order> read = orders.find(clientId, orderId);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            Order current = read.get();
            if (!ManualTransitions.allowed(current.status(), target)) {
                throw new IllegalTransition(current.status(), target);
            }
            Instant now = clock.instant();
            PaymentEvent e = event(current, target, reason, by, now);
            Order next = OrderLifecycle.apply(current, e, orderId, now.toString());
            if (orders.save(next, current.version())) {
                // After the write: a refused or lost attempt leaves no trace in history or audit.
                orders.addHistory(orderId, e);
                audit.add(clientId, orderId, new AuditTrail.Entry(Timestamps.fixed(now), "status", by,
                        Map.of("from", current.status().wire(), "to", next.status().wire(), "reason", reason,
                                "eventId", e.eventId())));
                LOG.info("order status set by hand", "clientId", clientId, "orderId", orderId, "keyId", by,
                        "from", current.status().wire(), "to", next.status().wire());
                Order saved = next.withVersion(current.version() + 1);
                statusChanges.announce(saved);
                return Optional.of(saved);
            }
        }
        throw new IllegalStateException("order " + orderId + " kept changing; try again");
    }

    private static PaymentEvent event(Order o, OrderStatus target, String reason, String by, Instant now) {
        String raw = Json.write(Map.of("status", target.wire(), "reason", reason, "by", by));
        return new PaymentEvent(PaymentEvent.SCHEMA_VERSION, "manual_" + Ids.random(20), o.provider(), o.clientId(),
                o.orderRef(), EventKind.MANUAL_STATUS, null, null, null, List.of(), null, o.test(), now.toString(),
                now.toString(), Map.of(OrderLifecycle.MANUAL_STATUS, target.wire()), "application/json", raw, List.of());
    }
}

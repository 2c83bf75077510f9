package dev.orderhub.order;

import dev.orderhub.db.Ids;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.log.JsonLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An admin's status change: allowed only along {@link ManualTransitions}, applied as a
 * {@link EventKind#MANUAL_STATUS} event through {@link OrderLifecycle}, as a change through
 * {@link OrderCommit} like a provider's event (so it takes part in the status maximum, a later
 * callback cannot undo it, and it fires the same triggers: a pending order confirmed by hand fires
 * order.paid). The commit keeps it in the order's history and audit trail (only once written) and
 * announces it to a buyer watching live.
 */
public final class ManualStatusChange {
    private static final JsonLog LOG = JsonLog.get(ManualStatusChange.class);
    private final OrderCommit commit;
    private final Clock clock;

    public ManualStatusChange(OrderCommit commit, Clock clock) {
        this.commit = commit;
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

    /**
     * Empty when the order does not exist; throws {@link IllegalTransition} when the table forbids it.
     *
     * @param by the admin key id, or "workflow:&lt;id&gt;" for a workflow's set_status
     */
    public Optional<Order> apply(String clientId, String orderId, OrderStatus target, String reason, String by) {
        Optional<Order> read = commit.find(clientId, orderId);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        // Provider, reference and test flag of an order never change: the event made from this read holds for every attempt.
        PaymentEvent e = event(read.get(), target, reason, by, now);
        OrderCommit.Result r = commit.commit(clientId, orderId, OrderCommit.Change.ofExisting(current -> {
            if (!ManualTransitions.allowed(current.status(), target)) {
                throw new IllegalTransition(current.status(), target);
            }
            return OrderLifecycle.apply(current, e, orderId, now.toString());
        }), OrderCommit.Cause.person(by, "status", Map.of("reason", reason, "eventId", e.eventId()), e));
        if (r.written()) {
            LOG.info("order status set by hand", "clientId", clientId, "orderId", orderId, "keyId", by,
                    "from", r.before().status().wire(), "to", r.after().status().wire());
        }
        return Optional.ofNullable(r.after());
    }

    private static PaymentEvent event(Order o, OrderStatus target, String reason, String by, Instant now) {
        String raw = Json.write(Map.of("status", target.wire(), "reason", reason, "by", by));
        return new PaymentEvent(PaymentEvent.SCHEMA_VERSION, "manual_" + Ids.random(20), o.provider(), o.clientId(),
                o.orderRef(), EventKind.MANUAL_STATUS, null, null, null, List.of(), null, o.test(), now.toString(),
                now.toString(), Map.of(OrderLifecycle.MANUAL_STATUS, target.wire()), "application/json", raw, List.of());
    }
}

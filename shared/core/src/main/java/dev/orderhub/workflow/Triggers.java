package dev.orderhub.workflow;

import dev.orderhub.order.Order;
import dev.orderhub.order.OrderMatch;
import dev.orderhub.order.OrderStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The triggers one order write fires, derived from the order before and after it, whoever wrote it
 * (see {@link dev.orderhub.order.OrderCommit}). Statuses only move forward (see OrderLifecycle), so
 * created, paid and canceled fire once per order; refunded fires per refund event, risk_analyzed
 * per analysis, and review.needed each time the order goes into review. Each fired trigger names
 * the cause of the write (the event's id, or the change's key): with the workflow and the order,
 * that is the run's idempotency key.
 */
public final class Triggers {
    private Triggers() {}

    public record Fired(Trigger trigger, String eventId) {
        /** The form kept on an order until dispatched: "order.paid|evt_123". */
        public String encode() {
            return trigger.wire() + "|" + eventId;
        }

        public static Fired decode(String s) {
            int bar = s.indexOf('|');
            return new Fired(Trigger.fromWire(s.substring(0, bar)), s.substring(bar + 1));
        }
    }

    public static List<Fired> between(Order before, Order after, String eventId) {
        List<Fired> fired = new ArrayList<>();
        if (before == null) {
            fired.add(new Fired(Trigger.ORDER_CREATED, eventId));
        }
        OrderStatus was = before == null ? null : before.status();
        if (after.status().isPaidOrLater() && (was == null || !was.isPaidOrLater())) {
            fired.add(new Fired(Trigger.ORDER_PAID, eventId));
        }
        if (after.status() == OrderStatus.CANCELED && was != OrderStatus.CANCELED) {
            fired.add(new Fired(Trigger.ORDER_CANCELED, eventId));
        }
        boolean refundedMore = before == null ? after.refundedMinor() > 0 || after.fullyRefunded()
                : after.refundedMinor() > before.refundedMinor() || (after.fullyRefunded() && !before.fullyRefunded());
        if (refundedMore && (after.status() == OrderStatus.REFUNDED || after.status() == OrderStatus.PARTIALLY_REFUNDED)) {
            fired.add(new Fired(Trigger.ORDER_REFUNDED, eventId));
        }
        String riskBefore = before == null || before.risk() == null ? null : before.risk().id();
        String riskAfter = after.risk() == null ? null : after.risk().id();
        if (riskAfter != null && !Objects.equals(riskBefore, riskAfter)) {
            fired.add(new Fired(Trigger.ORDER_RISK_ANALYZED, riskAfter));
        }
        boolean reviewBefore = before != null && before.match().review() == OrderMatch.Review.NEEDED;
        if (after.match().review() == OrderMatch.Review.NEEDED && !reviewBefore) {
            fired.add(new Fired(Trigger.REVIEW_NEEDED, eventId));
        }
        return fired;
    }
}

package dev.orderhub.workflow;

import dev.orderhub.event.PaymentEvent;
import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import dev.orderhub.risk.RiskAssessment;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a workflow's conditions and actions see: an order (re-read when the run starts), or for a
 * subscription trigger the subscription event's data.
 *
 * @param orderId null for a subscription trigger: no order exists
 * @param firstOrder whether this is the first order the site saw from the buyer's e-mail
 * @param test a provider's test payment: no money moved
 * @param expected what the matched intent asked for (null when not matched)
 */
public record Subject(
        String clientId,
        String orderId,
        String provider,
        String orderRef,
        String status,
        Money amount,
        String buyerName,
        String buyerEmail,
        List<String> items,
        Set<String> tags,
        Map<String, String> attributes,
        RiskAssessment risk,
        boolean firstOrder,
        String intentId,
        boolean test,
        Money expected) {

    public Subject {
        items = items == null ? List.of() : List.copyOf(items);
        tags = java.util.Collections.unmodifiableSortedSet(tags == null ? new java.util.TreeSet<>() : new java.util.TreeSet<>(tags));
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** A live subject with no intent amount. */
    public Subject(String clientId, String orderId, String provider, String orderRef, String status, Money amount,
            String buyerName, String buyerEmail, List<String> items, Set<String> tags, Map<String, String> attributes,
            RiskAssessment risk, boolean firstOrder, String intentId) {
        this(clientId, orderId, provider, orderRef, status, amount, buyerName, buyerEmail, items, tags, attributes, risk,
                firstOrder, intentId, false, null);
    }

    public static Subject of(Order o, boolean firstOrder) {
        return new Subject(o.clientId(), o.orderId(), o.provider(), o.orderRef(), o.status().wire(), o.amount(),
                o.buyerName(), o.buyerEmail(), o.items(), o.tags(), o.attributes(), o.risk(), firstOrder,
                o.match().intentId(), o.test(), o.match().expected());
    }

    /** A subscription trigger's subject: the event's own data, no order, no status. */
    public static Subject of(PaymentEvent e) {
        return new Subject(e.clientId(), null, e.provider(), e.orderRef(), null, e.amount(),
                e.buyer() == null ? null : e.buyer().name(), e.buyer() == null ? null : e.buyer().email(),
                e.items(), Set.of(), e.attributes(), null, false, null, e.test(), null);
    }

    public String emailDomain() {
        if (buyerEmail == null) {
            return null;
        }
        int at = buyerEmail.lastIndexOf('@');
        return at < 0 ? null : buyerEmail.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
    }
}

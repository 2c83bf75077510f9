package dev.orderhub.order;

import dev.orderhub.money.Money;
import dev.orderhub.risk.RiskAssessment;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The one record the hub keeps per purchase. Everything but {@code version} and the timestamps
 * is a function of the set of events applied (see {@link OrderLifecycle}),
 * so the order comes out the same whatever order its callbacks arrive in.
 *
 * @param eventStatus the highest status the applied events implied, before refunds are counted
 * @param amountSource which event the amount came from, as "rank:eventId", so that the choice
 *     does not depend on arrival order
 * @param createdAt the provider's time: the earliest occurredAt of the applied events (when the
 *     purchase happened, as the provider's clock says; a synced or late-delivered event keeps it)
 * @param appliedEvents ids of the provider events already applied: a repeat changes nothing
 * @param match the link to the buyer's payment intent, or why the order waits for review; kept
 *     as is by {@link OrderLifecycle} (see {@link dev.orderhub.matching.IntentMatcher})
 * @param reconcile the scheduled provider look-ups while the order is stuck in a non-final
 *     status (see {@link dev.orderhub.reconcile.Reconciler}); reset by every applied event
 * @param version optimistic-lock counter; every write is conditional on it
 * @param attributeSources for each attribute an event set, which event it came from (its
 *     {@link OrderLifecycle#attributePrecedence precedence}), so that the value kept does not
 *     depend on arrival order
 * @param receivedAt the hub's time: the earliest receivedAt of the applied provider events (when
 *     the hub first heard of the purchase); null for an order stored before the hub kept it,
 *     until its next delivery
 * @param outbox the triggers the order's last write fired that start workflow runs, kept in the
 *     same conditional write and queued after it (see {@link OrderCommit}); queued again by the
 *     order's next write, which replaces them, so none is lost if a process stops in between
 * @param attributes the providers' facts about the purchase, as their events named them (namespaced,
 *     such as {@code kofi.is_public}); never the hub's own state: a name in the hub's namespace
 *     ({@value #HUB_NAMESPACE}…) is dropped, whoever offers it
 * @param tags the order's tags (workflows' tag actions), sorted; empty when none
 * @param risk the hub's risk analysis of the order, or null when it was never analyzed
 * @param mailError the last e-mail about the order that failed, or null
 */
public record Order(
        String clientId,
        String orderId,
        String provider,
        String orderRef,
        OrderStatus status,
        OrderStatus eventStatus,
        Money amount,
        String amountSource,
        long refundedMinor,
        boolean fullyRefunded,
        String buyerName,
        String buyerEmail,
        String message,
        List<String> items,
        String category,
        boolean test,
        String createdAt,
        String updatedAt,
        Set<String> appliedEvents,
        Map<String, String> attributes,
        OrderMatch match,
        Reconcile reconcile,
        long version,
        Map<String, String> attributeSources,
        String receivedAt,
        List<dev.orderhub.workflow.Triggers.Fired> outbox,
        SortedSet<String> tags,
        RiskAssessment risk,
        MailError mailError) {

    /** Attribute names the hub once kept its own state under, which no provider attribute may use. */
    public static final String HUB_NAMESPACE = "hub.";

    /** An order whose attributes came from no event (or whose sources are not known). */
    public Order(String clientId, String orderId, String provider, String orderRef, OrderStatus status,
            OrderStatus eventStatus, Money amount, String amountSource, long refundedMinor, boolean fullyRefunded,
            String buyerName, String buyerEmail, String message, List<String> items, String category, boolean test,
            String createdAt, String updatedAt, Set<String> appliedEvents, Map<String, String> attributes,
            OrderMatch match, Reconcile reconcile, long version) {
        this(clientId, orderId, provider, orderRef, status, eventStatus, amount, amountSource, refundedMinor,
                fullyRefunded, buyerName, buyerEmail, message, items, category, test, createdAt, updatedAt,
                appliedEvents, attributes, match, reconcile, version, Map.of());
    }

    /** An order whose received time is not known. */
    public Order(String clientId, String orderId, String provider, String orderRef, OrderStatus status,
            OrderStatus eventStatus, Money amount, String amountSource, long refundedMinor, boolean fullyRefunded,
            String buyerName, String buyerEmail, String message, List<String> items, String category, boolean test,
            String createdAt, String updatedAt, Set<String> appliedEvents, Map<String, String> attributes,
            OrderMatch match, Reconcile reconcile, long version, Map<String, String> attributeSources) {
        this(clientId, orderId, provider, orderRef, status, eventStatus, amount, amountSource, refundedMinor,
                fullyRefunded, buyerName, buyerEmail, message, items, category, test, createdAt, updatedAt,
                appliedEvents, attributes, match, reconcile, version, attributeSources, null);
    }

    /** An order with no triggers waiting to be queued. */
    public Order(String clientId, String orderId, String provider, String orderRef, OrderStatus status,
            OrderStatus eventStatus, Money amount, String amountSource, long refundedMinor, boolean fullyRefunded,
            String buyerName, String buyerEmail, String message, List<String> items, String category, boolean test,
            String createdAt, String updatedAt, Set<String> appliedEvents, Map<String, String> attributes,
            OrderMatch match, Reconcile reconcile, long version, Map<String, String> attributeSources, String receivedAt) {
        this(clientId, orderId, provider, orderRef, status, eventStatus, amount, amountSource, refundedMinor,
                fullyRefunded, buyerName, buyerEmail, message, items, category, test, createdAt, updatedAt,
                appliedEvents, attributes, match, reconcile, version, attributeSources, receivedAt, List.of());
    }

    /** An order with none of the hub's own state (tags, risk, mail error) yet. */
    public Order(String clientId, String orderId, String provider, String orderRef, OrderStatus status,
            OrderStatus eventStatus, Money amount, String amountSource, long refundedMinor, boolean fullyRefunded,
            String buyerName, String buyerEmail, String message, List<String> items, String category, boolean test,
            String createdAt, String updatedAt, Set<String> appliedEvents, Map<String, String> attributes,
            OrderMatch match, Reconcile reconcile, long version, Map<String, String> attributeSources, String receivedAt,
            List<dev.orderhub.workflow.Triggers.Fired> outbox) {
        this(clientId, orderId, provider, orderRef, status, eventStatus, amount, amountSource, refundedMinor,
                fullyRefunded, buyerName, buyerEmail, message, items, category, test, createdAt, updatedAt,
                appliedEvents, attributes, match, reconcile, version, attributeSources, receivedAt, outbox, null, null, null);
    }

    public Order {
        items = items == null ? List.of() : List.copyOf(items);
        appliedEvents = appliedEvents == null ? Set.of() : Set.copyOf(appliedEvents);
        // The hub's state has fields of its own: an attribute named like it is nobody's (a provider
        // payload could carry one), so it can never be read back as the hub's.
        attributes = attributes == null ? Map.of() : attributes.entrySet().stream()
                .filter(a -> !a.getKey().startsWith(HUB_NAMESPACE))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        attributeSources = attributeSources == null ? Map.of() : Map.copyOf(attributeSources);
        match = match == null ? OrderMatch.NONE : match;
        reconcile = reconcile == null ? Reconcile.NONE : reconcile;
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
        tags = Collections.unmodifiableSortedSet(tags == null ? new TreeSet<>() : new TreeSet<>(tags));
    }

    public boolean hasApplied(String eventId) {
        return appliedEvents.contains(eventId);
    }

    public Order withMatch(OrderMatch m) {
        return new Order(clientId, orderId, provider, orderRef, status, eventStatus, amount, amountSource,
                refundedMinor, fullyRefunded, buyerName, buyerEmail, message, items, category, test, createdAt,
                updatedAt, appliedEvents, attributes, m, reconcile, version, attributeSources, receivedAt, outbox, tags, risk, mailError);
    }

    public Order withAttributes(Map<String, String> a) {
        return new Order(clientId, orderId, provider, orderRef, status, eventStatus, amount, amountSource,
                refundedMinor, fullyRefunded, buyerName, buyerEmail, message, items, category, test, createdAt,
                updatedAt, appliedEvents, a, match, reconcile, version, attributeSources, receivedAt, outbox, tags, risk, mailError);
    }

    public Order withVersion(long v) {
        return new Order(clientId, orderId, provider, orderRef, status, eventStatus, amount, amountSource,
                refundedMinor, fullyRefunded, buyerName, buyerEmail, message, items, category, test, createdAt,
                updatedAt, appliedEvents, attributes, match, reconcile, v, attributeSources, receivedAt, outbox, tags, risk, mailError);
    }

    public Order withReconcile(Reconcile r) {
        return new Order(clientId, orderId, provider, orderRef, status, eventStatus, amount, amountSource,
                refundedMinor, fullyRefunded, buyerName, buyerEmail, message, items, category, test, createdAt,
                updatedAt, appliedEvents, attributes, match, r, version, attributeSources, receivedAt, outbox, tags, risk, mailError);
    }

    public Order withOutbox(List<dev.orderhub.workflow.Triggers.Fired> o) {
        return new Order(clientId, orderId, provider, orderRef, status, eventStatus, amount, amountSource,
                refundedMinor, fullyRefunded, buyerName, buyerEmail, message, items, category, test, createdAt,
                updatedAt, appliedEvents, attributes, match, reconcile, version, attributeSources, receivedAt, o, tags, risk, mailError);
    }

    public Order withTags(Set<String> t) {
        return new Order(clientId, orderId, provider, orderRef, status, eventStatus, amount, amountSource,
                refundedMinor, fullyRefunded, buyerName, buyerEmail, message, items, category, test, createdAt,
                updatedAt, appliedEvents, attributes, match, reconcile, version, attributeSources, receivedAt, outbox,
                new TreeSet<>(t), risk, mailError);
    }

    public Order withRisk(RiskAssessment r) {
        return new Order(clientId, orderId, provider, orderRef, status, eventStatus, amount, amountSource,
                refundedMinor, fullyRefunded, buyerName, buyerEmail, message, items, category, test, createdAt,
                updatedAt, appliedEvents, attributes, match, reconcile, version, attributeSources, receivedAt, outbox,
                tags, r, mailError);
    }

    public Order withMailError(MailError e) {
        return new Order(clientId, orderId, provider, orderRef, status, eventStatus, amount, amountSource,
                refundedMinor, fullyRefunded, buyerName, buyerEmail, message, items, category, test, createdAt,
                updatedAt, appliedEvents, attributes, match, reconcile, version, attributeSources, receivedAt, outbox,
                tags, risk, e);
    }

    /**
     * The last e-mail about the order that failed.
     *
     * @param kind {@link #SEND} (the hub could not send it: SES refused it, or it was not sendable, such as a
     *     recipient that is not one address), {@link #BOUNCE} or {@link #COMPLAINT} (SES reported it after sending)
     * @param reason why, in words: for a send, the workflow action and the failure; for a bounce SES's bounce
     *     type (Permanent, Transient, Undetermined); for a complaint its feedback type
     * @param at when (ISO-8601 UTC)
     */
    public record MailError(String kind, String reason, String at) {
        public static final String SEND = "send";
        public static final String BOUNCE = "bounce";
        public static final String COMPLAINT = "complaint";

        /** The error to keep of this one and the one held: the later, so a late or repeated notice never hides a newer one. */
        public static MailError latest(MailError held, MailError fresh) {
            if (held == null || fresh == null) {
                return fresh == null ? held : fresh;
            }
            return instant(fresh.at()).isBefore(instant(held.at())) ? held : fresh;
        }

        private static java.time.Instant instant(String at) {
            try {
                return java.time.Instant.parse(at);
            } catch (RuntimeException unreadable) {
                return java.time.Instant.MIN;
            }
        }
    }

    /**
     * Where the order stands in reconciliation with its provider.
     *
     * @param attempts provider look-ups made since the order last changed
     * @param nextCheckAt when to look next (fixed-width UTC, see {@link dev.orderhub.db.Timestamps});
     *     null until the first look-up, which is due the provider's threshold after {@code updatedAt}
     * @param gaveUp the look-ups stopped and the order went to review
     */
    public record Reconcile(int attempts, String nextCheckAt, boolean gaveUp) {
        public static final Reconcile NONE = new Reconcile(0, null, false);
    }
}

package dev.orderhub.matching;

import dev.orderhub.event.EventKind;
import dev.orderhub.intent.Intent;
import dev.orderhub.intent.IntentRepository;
import dev.orderhub.intent.OpenIntents;
import dev.orderhub.intent.References;
import dev.orderhub.log.JsonLog;
import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderCommit;
import dev.orderhub.order.OrderMatch;
import dev.orderhub.site.SiteSettings;
import dev.orderhub.site.SiteSettingsLookup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Ties orders to payment intents ({@link MatchRules} decides). A match is two conditional writes:
 * the intent first, only if still open (so two orders can never take one intent), then the order,
 * only at the version read, through {@link OrderCommit}: for a payment event in the event's own
 * change ({@link #decide}), for an admin's match a change of its own ({@link #matchManually}). If
 * the order write loses its race the commit releases the claim. Safe to repeat: claiming an intent
 * already linked to this order succeeds again.
 */
public final class IntentMatcher {
    private static final JsonLog LOG = JsonLog.get(IntentMatcher.class);
    private static final Set<EventKind> MATCHING_KINDS =
            Set.of(EventKind.PAYMENT_SUCCEEDED, EventKind.PAYMENT_AUTHORIZED, EventKind.PAYMENT_PENDING);
    private static final int CLAIM_ATTEMPTS = 3;
    /** How far before the window an intent still open is looked at to explain a review (intents live at most 720 h). */
    private static final Duration EXPLAIN_SPAN = Duration.ofHours(720);
    /** How many intents outside the window (on each side) an explanation reads at most, the closest first. */
    static final int EXPLAIN_READS = 25;

    private final OrderCommit commit;
    private final OpenIntents intents;
    private final SiteSettingsLookup sites;
    private final Clock clock;

    public IntentMatcher(OrderCommit commit, OpenIntents intents, SiteSettingsLookup sites, Clock clock) {
        this.commit = commit;
        this.intents = intents;
        this.sites = sites;
        this.clock = clock;
    }

    /** Whether an event of this kind about this order should (re)run matching. */
    public static boolean due(Order order, EventKind kind) {
        // A person who confirmed or dismissed the order without an intent has decided: a later event does not reopen it.
        return !order.match().matched() && !order.match().settledByHand() && MATCHING_KINDS.contains(kind);
    }

    /**
     * The order to write with its match decision: tied to an intent (claimed here, before the
     * order write, with the intent's own conditional write) or put in review with the reason. The
     * caller writes the decision in the same conditional put as the event, so matching costs no
     * order write of its own. If that put loses its race the caller decides again on the order it
     * reads next; the claim is repeatable (an intent already linked to this order is claimed again).
     */
    public Order decide(Order order) {
        SiteSettings settings = sites.findSettings(order.clientId()).orElse(SiteSettings.DEFAULTS);
        if (!settings.usesIntents()) {
            return order; // the seller creates no intents: none to look for, nothing to review
        }
        return decide(order, settings); // a decision the order's status closes is closed by the commit that writes it
    }

    private Order decide(Order order, SiteSettings settings) {
        Duration window = Duration.ofHours(settings.matchWindowHours());
        MatchDecision decision = null;
        Considered considered = null;
        for (int attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
            considered = consider(order, window);
            decision = MatchRules.decide(order, settings.autoMatch(), settings.autoMatchByEmail(), window,
                    considered.references(), considered.byReference(), considered.recent());
            if (!decision.matched()) {
                break;
            }
            Instant now = clock.instant();
            if (intents.claim(order.clientId(), decision.intentId(), order.orderId(), decision.reason(), now, order.version(),
                    considered.expiryOf(decision.intentId()))) {
                LOG.info("order matched", "clientId", order.clientId(), "orderId", order.orderId(),
                        "intentId", decision.intentId(), "reason", decision.reason());
                return order.withMatch(new OrderMatch(decision.intentId(), decision.reason(),
                        order.match().review() == OrderMatch.Review.NONE ? OrderMatch.Review.NONE : OrderMatch.Review.RESOLVED,
                        List.of(), Intent.timestamp(now), null, considered.amountOf(decision.intentId())));
            }
            // Another order took that intent a moment ago: it is no longer open, decide again.
        }
        if (decision.matched()) {
            decision = MatchDecision.review(decision.candidates(), "candidate intents were taken by other orders meanwhile");
        } else if (decision.candidates().isEmpty()) {
            decision = explained(order, settings, window, decision, considered.around());
        }
        if (order.match().review() == OrderMatch.Review.NEEDED && decision.reason().equals(order.match().reason())
                && decision.candidates().equals(order.match().candidates())
                && java.util.Objects.equals(decision.suggested(), order.match().suggested())) {
            return order; // the same decision again: keep when it was first made
        }
        LOG.info("order needs review", "clientId", order.clientId(), "orderId", order.orderId(),
                "reason", decision.reason(), "candidates", decision.candidates().size(),
                "suggested", decision.suggested() == null ? "none" : decision.suggested());
        return order.withMatch(new OrderMatch(null, decision.reason(), OrderMatch.Review.NEEDED, decision.candidates(),
                Intent.timestamp(clock.instant()), decision.suggested(), null));
    }

    /** The outcome of an admin's match. */
    public enum ManualOutcome { MATCHED, ORDER_ALREADY_MATCHED, INTENT_UNAVAILABLE }

    /** The change of an admin's match could not be made; the order is not written. */
    private static final class Refused extends RuntimeException {
        final ManualOutcome outcome;

        Refused(ManualOutcome outcome) {
            super(outcome.name(), null, false, false);
            this.outcome = outcome;
        }
    }

    /**
     * An admin ties the order to an intent: the same conditional claim as automatic matching, so
     * an intent that is taken or expired is refused, made as a change through {@link OrderCommit}
     * (audited as "match"; a claim whose write lost is released there). The order's review is
     * then resolved.
     */
    public ManualOutcome matchManually(Order order, String intentId, String by) {
        String reason = "manual by " + by;
        try {
            OrderCommit.Result r = commit.commit(order.clientId(), order.orderId(), OrderCommit.Change.ofExisting(current -> {
                if (current.match().matched()) {
                    throw new Refused(ManualOutcome.ORDER_ALREADY_MATCHED);
                }
                Instant now = clock.instant();
                // Read first for the amount it expected (the claim below is what decides whether it may be taken).
                Optional<Intent> intent = intents.find(order.clientId(), intentId, now);
                if (intent.isEmpty() || !intents.claim(order.clientId(), intentId, order.orderId(), reason, now,
                        current.version(), intent.get().expiresAt())) {
                    throw new Refused(ManualOutcome.INTENT_UNAVAILABLE);
                }
                return current.withMatch(new OrderMatch(intentId, reason, OrderMatch.Review.RESOLVED, List.of(),
                        Intent.timestamp(now), null, intent.get().amount()));
            }), OrderCommit.Cause.person(by, "match", java.util.Map.of("intentId", intentId), null));
            if (r.after() == null) {
                return ManualOutcome.INTENT_UNAVAILABLE;
            }
        } catch (Refused refused) {
            return refused.outcome;
        }
        LOG.info("order matched by hand", "clientId", order.clientId(), "orderId", order.orderId(), "intentId", intentId,
                "keyId", by);
        return ManualOutcome.MATCHED;
    }

    /**
     * The same decision, decided again over the site's open intents created outside the window
     * too, so that its reason can say which rule the closest ones failed (an intent created a day
     * before the window is not a candidate, but the seller should hear that it exists). Only for
     * orders about to wait for review with no candidate. The window's intents are the ones the
     * match just read, not read again, and so are, in the same request, the closest ones before it
     * (unless the window holds more than {@link #EXPLAIN_READS}); outside it, at most
     * {@link #EXPLAIN_READS} on each side, the closest to the window first (the ones the reason is
     * about); the reason says so when there were more.
     */
    private MatchDecision explained(Order order, SiteSettings settings, Duration window, MatchDecision narrow,
            OpenIntents.Window around) {
        if (order.buyerEmail() == null || order.amount() == null || order.createdAt() == null) {
            return narrow;
        }
        // Read with the window (in the same request unless the window or what came after it filled a page), or now.
        IntentRepository.Slice before = around.before();
        // After the window only when the payment is older than its skew (a late delivery or a sync): else nothing is there yet.
        IntentRepository.Slice after = around.after();
        java.util.Map<String, Intent> looked = new java.util.LinkedHashMap<>();
        for (List<Intent> part : List.of(before.intents(), around.inWindow(), after.intents())) {
            part.forEach(i -> looked.putIfAbsent(i.intentId(), i));
        }
        Set<String> references = References.findIn(order.message());
        MatchDecision d = MatchRules.decide(order, settings.autoMatch(), settings.autoMatchByEmail(), window, references,
                List.of(), looked.values());
        if (!d.candidates().isEmpty() || d.matched()) {
            return narrow; // an intent created since the first look: decided next time, not explained now
        }
        return MatchDecision.review(List.of(), d.reason() + (before.complete() && after.complete() ? ""
                : " (among the open intents in the window and the " + EXPLAIN_READS + " closest on each side of it)"));
    }

    /**
     * The intents the rules look at for this order: those its references name, and the recent open
     * ones ({@code around}'s window, with the closest ones before it for an explanation; empty
     * when the order lacks what e-mail matching needs).
     */
    private record Considered(Set<String> references, List<Intent> byReference, OpenIntents.Window around) {
        List<Intent> recent() {
            return around.inWindow();
        }

        long expiryOf(String intentId) {
            return java.util.stream.Stream.concat(byReference.stream(), recent().stream())
                    .filter(i -> i.intentId().equals(intentId)).findFirst().map(Intent::expiresAt).orElse(0L);
        }

        Money amountOf(String intentId) {
            return java.util.stream.Stream.concat(byReference.stream(), recent().stream())
                    .filter(i -> i.intentId().equals(intentId)).findFirst().map(Intent::amount).orElse(null);
        }
    }

    private Considered consider(Order order, Duration window) {
        Instant now = clock.instant();
        Set<String> references = References.findIn(order.message());
        List<Intent> byReference = new ArrayList<>();
        for (String ref : references) {
            intents.findByReference(order.clientId(), ref, now).filter(i -> i.openAt(now)).ifPresent(byReference::add);
        }
        OpenIntents.Window around = OpenIntents.Window.none();
        if (order.buyerEmail() != null && order.amount() != null && order.createdAt() != null) {
            Instant at = MatchRules.matchTime(order);
            Instant windowStart = at.minus(window);
            around = intents.openInWindow(order.clientId(), windowStart, at.plus(MatchRules.CLOCK_SKEW),
                    windowStart.minus(EXPLAIN_SPAN), now, EXPLAIN_READS);
        }
        return new Considered(references, byReference, around);
    }
}

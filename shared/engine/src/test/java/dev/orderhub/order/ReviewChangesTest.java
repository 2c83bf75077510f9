package dev.orderhub.order;

import static dev.orderhub.order.OrderLifecycleTest.event;
import static dev.orderhub.order.OrderLifecycleTest.manual;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.matching.IntentMatcher;
import dev.orderhub.site.SiteSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** How an order leaves review: confirmed or dismissed by a person, or closed by reaching a final status. */
class ReviewChangesTest {
    private static final String ORDER_ID = "kofi_aaaaaaaaaaaaaaaaaaaa";
    private static final String AT = "2026-01-02T00:00:00Z";
    private static final String WHY = "no candidate: no open intent with this e-mail";

    /** The event applied to the order as every change is made, through the commit (which closes review). */
    private static Order apply(Order o, PaymentEvent e) {
        InMemoryOrders store = new InMemoryOrders();
        if (o != null) {
            store.save(o, 0);
        }
        OrderCommit commit = new OrderCommit(store, new RecordingEffects(), Clock.fixed(Instant.parse(AT), ZoneOffset.UTC));
        return commit.commit(e.clientId(), ORDER_ID, current -> OrderLifecycle.apply(current, e, ORDER_ID, AT),
                OrderCommit.Cause.event(e)).after();
    }

    /** A paid order waiting for review, as the intent matcher leaves it when no intent fits. */
    private static Order inReview(EventKind first) {
        Order o = apply(null, event("e1", first, 500L));
        return o.withMatch(new OrderMatch(null, WHY, OrderMatch.Review.NEEDED, List.of("in_aaaaaaaaaaaaaaaaaaaa"),
                "2026-01-01T00:01:00Z"));
    }

    @Test
    void confirmingWithoutAnIntentTakesTheOrderOutOfReviewAndSaysWhoDidIt() {
        Order before = inReview(EventKind.PAYMENT_SUCCEEDED);
        Order after = ReviewChanges.confirmWithoutIntent(before, "key_abc", "paid through the Ko-fi shop", AT);
        assertThat(after.match().review()).isEqualTo(OrderMatch.Review.CONFIRMED);
        assertThat(after.match().matched()).isFalse();
        assertThat(after.match().reason()).isEqualTo("confirmed without an intent by key_abc: paid through the Ko-fi shop");
        assertThat(after.match().decidedAt()).isEqualTo(AT);
        assertThat(after.match().candidates()).as("what the reviewer saw stays on the order").containsExactly("in_aaaaaaaaaaaaaaaaaaaa");
        assertThat(after.status()).isEqualTo(before.status());
        assertThat(ReviewChanges.confirmWithoutIntent(before, "key_abc", null, AT).match().reason())
                .isEqualTo("confirmed without an intent by key_abc");
    }

    @Test
    void dismissingTakesTheOrderOutOfReviewWithTheReason() {
        Order after = ReviewChanges.dismiss(inReview(EventKind.PAYMENT_SUCCEEDED), "key_abc", "a test payment", AT);
        assertThat(after.match().review()).isEqualTo(OrderMatch.Review.DISMISSED);
        assertThat(after.match().reason()).isEqualTo("dismissed by key_abc: a test payment");
        assertThat(after.match().matched()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = OrderMatch.Review.class, names = "NEEDED", mode = EnumSource.Mode.EXCLUDE)
    void onlyAnOrderInReviewCanBeConfirmedOrDismissed(OrderMatch.Review state) {
        Order o = inReview(EventKind.PAYMENT_SUCCEEDED).withMatch(new OrderMatch(null, "x", state, List.of(), AT));
        assertThatThrownBy(() -> ReviewChanges.confirmWithoutIntent(o, "key_abc", null, AT))
                .isInstanceOfSatisfying(ReviewChanges.NotInReview.class, e -> assertThat(e.state()).isEqualTo(state));
        assertThatThrownBy(() -> ReviewChanges.dismiss(o, "key_abc", "x", AT)).isInstanceOf(ReviewChanges.NotInReview.class);
    }

    @Test
    void theStatusesThatCloseReviewAreTheOnesThatLeaveNothingToConfirm() {
        assertThat(Arrays.stream(OrderStatus.values()).filter(ReviewChanges::closesReview))
                .containsExactlyInAnyOrder(OrderStatus.FAILED, OrderStatus.DONE, OrderStatus.REFUNDED, OrderStatus.CANCELED);
    }

    static Stream<Arguments> finalChanges() {
        return Stream.of(
                Arguments.of(EventKind.PAYMENT_PENDING, event("f", EventKind.PAYMENT_FAILED, null), OrderStatus.FAILED),
                Arguments.of(EventKind.PAYMENT_SUCCEEDED, event("d", EventKind.FULFILLED, null), OrderStatus.DONE),
                Arguments.of(EventKind.PAYMENT_SUCCEEDED, event("r", EventKind.REFUNDED, null), OrderStatus.REFUNDED),
                Arguments.of(EventKind.PAYMENT_SUCCEEDED, event("r", EventKind.REFUNDED, 500L), OrderStatus.REFUNDED),
                Arguments.of(EventKind.PAYMENT_SUCCEEDED, event("c", EventKind.PAYMENT_CANCELED, null), OrderStatus.CANCELED),
                Arguments.of(EventKind.PAYMENT_SUCCEEDED, manual("m", OrderStatus.DONE), OrderStatus.DONE),
                Arguments.of(EventKind.PAYMENT_SUCCEEDED, manual("m", OrderStatus.REFUNDED), OrderStatus.REFUNDED),
                Arguments.of(EventKind.PAYMENT_SUCCEEDED, manual("m", OrderStatus.CANCELED), OrderStatus.CANCELED),
                Arguments.of(EventKind.PAYMENT_PENDING, manual("m", OrderStatus.FAILED), OrderStatus.FAILED));
    }

    @ParameterizedTest
    @MethodSource("finalChanges")
    void reachingAFinalStatusClosesReviewWhoeverMadeTheChange(EventKind first, PaymentEvent change, OrderStatus expected) {
        Order after = apply(inReview(first), change);
        assertThat(after.status()).isEqualTo(expected);
        assertThat(after.match().review()).isEqualTo(OrderMatch.Review.CLOSED);
        assertThat(after.match().reason()).isEqualTo("closed without review: the order is " + expected.wire() + "; was: " + WHY);
        assertThat(after.match().decidedAt()).isEqualTo(AT);
    }

    @Test
    void statusesThatStillHoldMoneyKeepTheOrderInReview() {
        assertThat(apply(inReview(EventKind.PAYMENT_SUCCEEDED), event("r", EventKind.REFUNDED, 100L)).match().review())
                .as("partially refunded").isEqualTo(OrderMatch.Review.NEEDED);
        assertThat(apply(inReview(EventKind.PAYMENT_SUCCEEDED), event("x", EventKind.DISPUTED, null)).match().review())
                .as("disputed").isEqualTo(OrderMatch.Review.NEEDED);
        assertThat(apply(inReview(EventKind.PAYMENT_PENDING), event("p", EventKind.PAYMENT_SUCCEEDED, 500L)).match().review())
                .as("paid").isEqualTo(OrderMatch.Review.NEEDED);
    }

    @Test
    void aDecisionAlreadyTakenIsNotRewrittenByAFinalStatus() {
        Order confirmed = ReviewChanges.confirmWithoutIntent(inReview(EventKind.PAYMENT_SUCCEEDED), "key_abc", null, AT);
        Order refunded = apply(confirmed, event("r", EventKind.REFUNDED, null));
        assertThat(refunded.match()).isEqualTo(confirmed.match());
    }

    @Test
    void matchingLeavesAnOrderSettledByHandAloneButLooksAgainAtAClosedOne() {
        Order confirmed = ReviewChanges.confirmWithoutIntent(inReview(EventKind.PAYMENT_SUCCEEDED), "key_abc", null, AT);
        assertThat(IntentMatcher.due(confirmed, EventKind.PAYMENT_SUCCEEDED)).as("confirmed").isFalse();
        Order dismissed = ReviewChanges.dismiss(inReview(EventKind.PAYMENT_SUCCEEDED), "key_abc", "x", AT);
        assertThat(IntentMatcher.due(dismissed, EventKind.PAYMENT_SUCCEEDED)).as("dismissed").isFalse();
        // A failed payment closes review, but a later successful one is matched (and reviewed) afresh.
        Order failed = apply(inReview(EventKind.PAYMENT_PENDING), event("f", EventKind.PAYMENT_FAILED, null));
        assertThat(IntentMatcher.due(failed, EventKind.PAYMENT_SUCCEEDED)).isTrue();
    }

    @Test
    void sitesUseIntentsUnlessTheySayOtherwise() {
        assertThat(SiteSettings.DEFAULTS.usesIntents()).isTrue();
    }
}

package dev.orderhub.intent;

import dev.orderhub.crypto.Signatures;
import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderRepository;
import dev.orderhub.order.OrderStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a buyer may learn about their purchase by its public order id (the intent id) and status
 * token: the short poll ({@code GET /orders/{id}/status}) and the live WebSocket channel both
 * answer from here, so they check the token and word the status the same way.
 */
public final class BuyerStatus {
    private static final Pattern PUBLIC_ID = Pattern.compile("in_[a-z0-9]{20}");
    /** Compared against when the id is unknown, so that both cases take the same work. */
    private static final String NO_SUCH_TOKEN_HASH = Signatures.sha256Hex("no such token");
    /** Statuses after which nothing more is expected: the live channel closes on them. */
    public static final Set<String> FINAL = Set.of(OrderStatus.DONE.wire(), OrderStatus.CANCELED.wire(),
            OrderStatus.REFUNDED.wire(), OrderStatus.FAILED.wire(), "expired");

    private final IntentRepository intents;
    private final OrderRepository orders;

    public BuyerStatus(IntentRepository intents, OrderRepository orders) {
        this.intents = intents;
        this.orders = orders;
    }

    /**
     * @param status "pending" until the intent is matched, then the order's status; "expired" for
     *     an intent that expired unmatched
     * @param updatedAt when it last changed (null when expired)
     * @param reference the intent's reference (null when expired)
     * @param version the matched order's version (0 before): grows with every write of the order
     * @param expected what the intent asked for (null when expired)
     * @param paid what the matched order paid (null before a match, or when the provider gave no
     *     amount): a page or game client compares it with {@code expected} before granting anything
     * @param test whether the intent was created in test mode or the matched payment is a
     *     provider's test payment: no money moved
     */
    public record Snapshot(String status, String updatedAt, String reference, long version, Money expected, Money paid,
            boolean test) {
        public boolean isFinal() {
            return FINAL.contains(status);
        }
    }

    public static boolean isPublicId(String id) {
        return id != null && PUBLIC_ID.matcher(id).matches();
    }

    /**
     * The intent's site when the id exists and the token is right; empty otherwise, with no
     * difference between "unknown id" and "wrong token" in the answer or the work done. The
     * token is compared in constant time against its stored SHA-256.
     */
    public Optional<String> authorizedSite(String publicOrderId, String token, Instant now) {
        Optional<IntentRepository.StatusAccess> access = isPublicId(publicOrderId)
                ? intents.statusAccess(publicOrderId, now) : Optional.empty();
        String expected = access.map(IntentRepository.StatusAccess::tokenHash).orElse(NO_SUCH_TOKEN_HASH);
        boolean tokenOk = Signatures.constantTimeEquals(expected, Signatures.sha256Hex(token == null ? "" : token));
        return tokenOk ? access.map(IntentRepository.StatusAccess::clientId) : Optional.empty();
    }

    /** The status of an id {@link #authorizedSite} accepted. */
    public Snapshot snapshot(String clientId, String publicOrderId, Instant now) {
        Optional<Intent> intent = intents.find(clientId, publicOrderId, now);
        if (intent.isEmpty()) {
            return new Snapshot("expired", null, null, 0, null, null, false);
        }
        Intent i = intent.get();
        if (i.state() == Intent.State.OPEN) {
            return new Snapshot(OrderStatus.PENDING.wire(), i.createdAt(), i.reference(), 0, i.amount(), null, i.test());
        }
        Optional<Order> order = orders.find(i.clientId(), i.orderId());
        return new Snapshot(order.map(o -> o.status().wire()).orElse(OrderStatus.PENDING.wire()),
                order.map(Order::updatedAt).orElse(i.matchedAt()), i.reference(), order.map(Order::version).orElse(0L),
                i.amount(), order.map(Order::amount).orElse(null), i.test() || order.map(Order::test).orElse(false));
    }
}

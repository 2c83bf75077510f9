package dev.orderhub.provider;

import java.util.Optional;

/**
 * Everything one payment platform offers the hub, in its own package ({@code provider/<name>}),
 * listed once in {@link Providers}. Every provider calls the hub back ({@link #webhook()}); the
 * other capabilities are optional, and each part of the hub takes from the registry only the one
 * it needs: the reconciler {@link #orderLookups()}, the sync {@link #historySync()}, workflow
 * actions {@link #paymentCommands()}, the subscription list {@link #subscriptionView()}.
 */
public interface PaymentProvider {
    /** The path segment in {@code /callbacks/{provider}/{clientId}}, the config's name, an order's provider. */
    default String id() {
        return webhook().id();
    }

    /** The platform's name as sellers know it ("Buy Me a Coffee"), for sentences shown to them. */
    String displayName();

    /** How its callbacks are verified, normalized and answered. */
    Provider webhook();

    /** How the reconciler asks it about an order whose callbacks stopped coming; none without an order API. */
    default Optional<OrderLookups> orderLookups() {
        return Optional.empty();
    }

    /** How a sync pulls its history (list APIs); none when it has no list API the hub reads. */
    default Optional<HistorySync> historySync() {
        return Optional.empty();
    }

    /** The capture and cancel commands workflow actions send it; none when the hub sends it none. */
    default Optional<PaymentCommands> paymentCommands() {
        return Optional.empty();
    }

    /** How its subscription records read in the site's subscription list; none when it syncs no subscriptions. */
    default Optional<SubscriptionView> subscriptionView() {
        return Optional.empty();
    }
}

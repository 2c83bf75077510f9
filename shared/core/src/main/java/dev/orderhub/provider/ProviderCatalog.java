package dev.orderhub.provider;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The providers the hub knows, as the rest of the hub asks for them: one by its id, or all, or the
 * one capability a part needs. The registry ({@link Providers}) is the implementation; a use case
 * gets this port from whoever builds it, so it never depends on the providers' packages.
 */
public interface ProviderCatalog {
    /** Every provider, in the registry's order (the order the reconciler and the sync visit them). */
    List<PaymentProvider> all();

    default Optional<PaymentProvider> provider(String id) {
        return id == null ? Optional.empty() : all().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The provider's webhook: what callbacks and the admin API's config checks use. */
    default Optional<Provider> find(String id) {
        return provider(id).map(PaymentProvider::webhook);
    }

    default Set<String> ids() {
        Set<String> ids = new TreeSet<>();
        all().forEach(p -> ids.add(p.id()));
        return ids;
    }

    /** The provider's name for sentences shown to sellers; the id itself for one the hub does not know. */
    default String displayName(String id) {
        return provider(id).map(PaymentProvider::displayName).orElse(id);
    }

    default Optional<OrderLookups> orderLookups(String id) {
        return provider(id).flatMap(PaymentProvider::orderLookups);
    }

    default Optional<PaymentCommands> paymentCommands(String id) {
        return provider(id).flatMap(PaymentProvider::paymentCommands);
    }

    default Optional<SubscriptionView> subscriptionView(String id) {
        return provider(id).flatMap(PaymentProvider::subscriptionView);
    }

    /** The callback-body fields that hold a site's secret, of every provider ({@link Provider#bodySecretFields()}). */
    default Set<String> bodySecretFields() {
        Set<String> fields = new LinkedHashSet<>();
        all().forEach(p -> fields.addAll(p.webhook().bodySecretFields()));
        return Set.copyOf(fields);
    }
}

package dev.orderhub.provider.api;

import dev.orderhub.event.PaymentEvent;
import java.util.List;

/**
 * What a provider's API said about one order.
 *
 * @param outcome whether the provider answered, did not know the order, or could not be asked
 * @param providerStatus the provider's own status word ("succeeded", "paid", "new" …), for logs and
 *     the review reason; null unless answered
 * @param events what the answer means for the order, as the callbacks would have said it; empty
 *     when the provider says the purchase is still open (nothing to apply)
 */
public record Lookup(Outcome outcome, String providerStatus, List<PaymentEvent> events) {
    public enum Outcome { ANSWERED, NOT_FOUND, NOT_CONFIGURED }

    public Lookup {
        events = events == null ? List.of() : List.copyOf(events);
    }

    public static Lookup answered(String providerStatus, List<PaymentEvent> events) {
        return new Lookup(Outcome.ANSWERED, providerStatus, events);
    }

    public static Lookup notFound() {
        return new Lookup(Outcome.NOT_FOUND, null, List.of());
    }

    /** The site has not given the hub what it needs to call this provider (which setting or secret is in {@code missing}). */
    public static Lookup notConfigured(String missing) {
        return new Lookup(Outcome.NOT_CONFIGURED, missing, List.of());
    }
}

package dev.orderhub.provider.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.provider.HistorySync;
import dev.orderhub.provider.OrderLookups;
import dev.orderhub.provider.PaymentCommands;
import dev.orderhub.provider.PaymentProvider;
import dev.orderhub.provider.Provider;
import dev.orderhub.provider.SubscriptionView;
import dev.orderhub.provider.api.OutboundHttp;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Stripe: callbacks; look-ups of payment intents ({@code pi_…}, {@link StripeApiClient}); the
 * history sync of its list endpoints ({@link StripeSync}); capture and cancel of payment intents
 * ({@link StripePaymentActions}); its subscription records (schema subscription.v1) in the list.
 */
public final class StripePaymentProvider implements PaymentProvider {
    private final StripeProvider webhook = new StripeProvider();

    @Override
    public String displayName() {
        return "Stripe";
    }

    @Override
    public Provider webhook() {
        return webhook;
    }

    @Override
    public Optional<OrderLookups> orderLookups() {
        return Optional.of(new OrderLookups(Duration.ofMinutes(15), ref -> ref.startsWith("pi_"), StripeApiClient::standard));
    }

    @Override
    public Optional<HistorySync> historySync() {
        return Optional.of(StripeSync::standard);
    }

    @Override
    public Optional<PaymentCommands> paymentCommands() {
        return Optional.of(new PaymentCommands() {
            @Override
            public String credential() {
                return StripeProvider.API_KEY;
            }

            @Override
            public String targets() {
                return "Stripe payment intents";
            }

            @Override
            public String target(String orderRef) {
                return "Stripe payment intent " + orderRef;
            }

            @Override
            public boolean captures() {
                return true;
            }

            @Override
            public String capture(OutboundHttp http, String orderRef, String credential, String idempotencyKey) {
                return actions(http).capture(orderRef, credential, idempotencyKey);
            }

            @Override
            public String cancel(OutboundHttp http, String orderRef, Map<String, String> attributes, String reason,
                    String credential, String idempotencyKey) {
                return actions(http).cancel(orderRef, reason, credential, idempotencyKey);
            }
        });
    }

    /** At the configuration's STRIPE_API_BASE, which the client carries: tests point it at a stand-in. */
    private static StripePaymentActions actions(OutboundHttp http) {
        return new StripePaymentActions(http, http.baseUrl(StripeApiClient.BASE_URL_ENV, StripeApiClient.PUBLIC_BASE));
    }

    @Override
    public Optional<SubscriptionView> subscriptionView() {
        return Optional.of(new SubscriptionView() {
            @Override
            public String plan(JsonNode data) {
                return SubscriptionView.text(data.path("items").path(0), "price");
            }

            /** None once it is set to end, or has ended. */
            @Override
            public String nextCharge(JsonNode data) {
                return data.path("cancel_at_period_end").asBoolean(false) || data.hasNonNull("ended_at") ? null
                        : SubscriptionView.text(data, "current_period_end");
            }

            @Override
            public String buyer(JsonNode data) {
                return SubscriptionView.text(data, "customer");
            }
        });
    }
}

package dev.orderhub.provider.xsolla;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.provider.HistorySync;
import dev.orderhub.provider.OrderLookups;
import dev.orderhub.provider.PaymentProvider;
import dev.orderhub.provider.Provider;
import dev.orderhub.provider.SubscriptionView;
import java.time.Duration;
import java.util.Optional;

/**
 * Xsolla: callbacks; order look-ups by transaction id or {@code order-<id>} ({@link XsollaApiClient});
 * the subscription sync ({@link XsollaSync}) and its records in the subscription list.
 */
public final class XsollaPaymentProvider implements PaymentProvider {
    private final XsollaProvider webhook = new XsollaProvider();

    @Override
    public String displayName() {
        return "Xsolla";
    }

    @Override
    public Provider webhook() {
        return webhook;
    }

    @Override
    public Optional<OrderLookups> orderLookups() {
        return Optional.of(new OrderLookups(Duration.ofMinutes(15), XsollaApiClient::standard));
    }

    @Override
    public Optional<HistorySync> historySync() {
        return Optional.of(XsollaSync::standard);
    }

    /** Records of schema xsolla_subscription.v1. */
    @Override
    public Optional<SubscriptionView> subscriptionView() {
        return Optional.of(new SubscriptionView() {
            @Override
            public String plan(JsonNode data) {
                return SubscriptionView.text(data, "plan_id");
            }

            @Override
            public String nextCharge(JsonNode data) {
                return SubscriptionView.text(data, "date_next_charge");
            }

            @Override
            public String buyer(JsonNode data) {
                return SubscriptionView.text(data, "user_id");
            }
        });
    }
}

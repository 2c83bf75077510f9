package dev.orderhub.provider.shopify;

import dev.orderhub.provider.OrderLookups;
import dev.orderhub.provider.PaymentCommands;
import dev.orderhub.provider.PaymentProvider;
import dev.orderhub.provider.Provider;
import dev.orderhub.provider.api.OutboundHttp;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Shopify: callbacks; look-ups of orders by their numeric id ({@link ShopifyApiClient}); cancel
 * of orders ({@link ShopifyOrderActions}).
 */
public final class ShopifyPaymentProvider implements PaymentProvider {
    private static final Pattern ORDER_ID = Pattern.compile("\\d{1,30}");
    private final ShopifyProvider webhook = new ShopifyProvider();

    @Override
    public String displayName() {
        return "Shopify";
    }

    @Override
    public Provider webhook() {
        return webhook;
    }

    @Override
    public Optional<OrderLookups> orderLookups() {
        return Optional.of(new OrderLookups(Duration.ofMinutes(30), ref -> ORDER_ID.matcher(ref).matches(),
                ShopifyApiClient::standard));
    }

    @Override
    public Optional<PaymentCommands> paymentCommands() {
        return Optional.of(new PaymentCommands() {
            @Override
            public String credential() {
                return ShopifyProvider.ADMIN_API_TOKEN;
            }

            @Override
            public String targets() {
                return "Shopify orders";
            }

            @Override
            public String target(String orderRef) {
                return "Shopify order " + orderRef;
            }

            @Override
            public String cancel(OutboundHttp http, String orderRef, Map<String, String> attributes, String reason,
                    String credential, String idempotencyKey) {
                // The configuration's SHOPIFY_API_BASE, which the client carries: tests point it at a stand-in.
                return new ShopifyOrderActions(http, ShopifyApiClient.configuredBase(http))
                        .cancel(attributes.get("shopify.shop_domain"), orderRef, shopifyReason(reason), credential);
            }
        });
    }

    /** The workflow's reasons are Stripe's words; Shopify has its own. */
    private static String shopifyReason(String reason) {
        return reason == null ? "other" : switch (reason) {
            case "fraudulent" -> "fraud";
            case "requested_by_customer" -> "customer";
            default -> "other";
        };
    }
}

package dev.orderhub.provider.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.order.Order;
import dev.orderhub.provider.CallbackRejection;
import dev.orderhub.provider.api.ApiHttp;
import dev.orderhub.provider.api.Lookup;
import dev.orderhub.provider.api.OutboundHttp;
import dev.orderhub.provider.api.ProviderApi;
import dev.orderhub.provider.api.ProviderApiException;
import dev.orderhub.site.ProviderConfig;
import java.net.URI;
import java.util.Map;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Asks Shopify about a pending order: {@code GET https://<shopDomain>/admin/api/2025-01/orders/{id}.json}
 * with the site's Admin API token (secret {@code adminApiToken}) in {@code X-Shopify-Access-Token}.
 * The order is mapped as the webhooks would have reported it, by the same normalizer: cancelled
 * ({@code cancelled_at} set, or {@code financial_status} voided) → orders/cancelled; paid,
 * partially_refunded or refunded → orders/paid, plus each of its refunds as refunds/create would
 * (same event id {@code refund:<id>}, so a refund the webhook already brought counts once);
 * {@code fulfillment_status} fulfilled → orders/fulfilled as well. Pending, authorized and
 * partially paid orders are still open: nothing to apply.
 */
public final class ShopifyApiClient implements ProviderApi {
    public static final String BASE_URL_ENV = "SHOPIFY_API_BASE";
    static final String API_VERSION = "2025-01";
    private static final Set<String> PAID = Set.of("paid", "partially_refunded", "refunded");
    private final OutboundHttp http;
    private final URI baseOverride;

    /** @param baseOverride where to send every request instead of the shop's domain (tests), or null */
    public ShopifyApiClient(OutboundHttp http, URI baseOverride) {
        this.http = http;
        this.baseOverride = baseOverride;
    }

    public static ShopifyApiClient standard(OutboundHttp http) {
        return new ShopifyApiClient(http, configuredBase(http));
    }

    /** The configuration's {@value #BASE_URL_ENV} (a stand-in for every shop), or null: each shop's own domain. */
    public static URI configuredBase(OutboundHttp http) {
        URI base = http.baseUrl(BASE_URL_ENV, "");
        return base.toString().isEmpty() ? null : base;
    }

    @Override
    public String provider() {
        return ShopifyProvider.ID;
    }

    @Override
    public Lookup lookup(Order order, ProviderConfig config, Instant now) {
        String token = config == null ? null : config.secret(ShopifyProvider.ADMIN_API_TOKEN);
        if (token == null || token.isBlank()) {
            return Lookup.notConfigured("secret " + ShopifyProvider.ADMIN_API_TOKEN);
        }
        String shop = config.settings().get(ShopifyProvider.SHOP_DOMAIN_SETTING);
        if (shop == null || !ShopifyProvider.MYSHOPIFY_DOMAIN.matcher(shop).matches()) {
            return Lookup.notConfigured("setting " + ShopifyProvider.SHOP_DOMAIN_SETTING);
        }
        String id = order.orderRef();
        String base = baseOverride != null ? baseOverride.toString() : "https://" + shop;
        URI uri = URI.create(base + "/admin/api/" + API_VERSION + "/orders/" + id + ".json");
        String what = "shopify orders/" + id;
        OutboundHttp.Answer r = http.get(uri, Map.of("X-Shopify-Access-Token", token, "Accept", "application/json"), what);
        if (r.statusCode() == 404) {
            return Lookup.notFound();
        }
        if (r.statusCode() != 200) {
            throw new ProviderApiException(what + ": HTTP " + r.statusCode());
        }
        JsonNode json;
        try {
            json = Json.parse(r.body());
        } catch (IllegalArgumentException e) {
            throw new ProviderApiException(what + ": answer is not JSON");
        }
        JsonNode shopOrder = json.path("order");
        if (!shopOrder.isObject()) {
            throw new ProviderApiException(what + ": answer has no order");
        }
        return toLookup(shopOrder, order.clientId(), shop, now);
    }

    static Lookup toLookup(JsonNode shopOrder, String clientId, String shop, Instant now) {
        String financial = Json.text(shopOrder, "financial_status");
        boolean cancelled = Json.text(shopOrder, "cancelled_at") != null || "voided".equals(financial);
        String raw = shopOrder.toString();
        String id = shopOrder.path("id").asText();
        List<PaymentEvent> events = new ArrayList<>();
        try {
            if (cancelled) {
                events.add(ShopifyEvents.order(shopOrder, delivery(clientId, id, "cancelled", shop, raw, now),
                        EventKind.PAYMENT_CANCELED));
            } else if (PAID.contains(financial)) {
                events.add(ShopifyEvents.order(shopOrder, delivery(clientId, id, "paid", shop, raw, now),
                        EventKind.PAYMENT_SUCCEEDED));
                for (JsonNode refund : shopOrder.path("refunds")) {
                    ShopifyEvents.refund(refund, delivery(clientId, id, "refund", shop, refund.toString(), now))
                            .ifPresent(events::add);
                }
            }
            if (!cancelled && "fulfilled".equals(Json.text(shopOrder, "fulfillment_status"))) {
                events.add(ShopifyEvents.order(shopOrder, delivery(clientId, id, "fulfilled", shop, raw, now),
                        EventKind.FULFILLED));
            }
        } catch (CallbackRejection unreadable) {
            throw new ProviderApiException("shopify: order could not be read (" + unreadable.getMessage() + ")");
        }
        return Lookup.answered(cancelled ? "cancelled" : financial, events);
    }

    /** The answer as a delivery whose id is {@code reconcile:shopify:<order id>:<status>}. */
    private static ShopifyDelivery delivery(String clientId, String id, String status, String shop, String raw, Instant now) {
        return new ShopifyDelivery(clientId, "reconcile", "reconcile:shopify:" + id + ":" + status, shop, raw, now);
    }
}

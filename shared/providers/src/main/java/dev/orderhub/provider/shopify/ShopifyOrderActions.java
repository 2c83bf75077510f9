package dev.orderhub.provider.shopify;

import dev.orderhub.json.Json;
import dev.orderhub.provider.api.OutboundHttp;
import dev.orderhub.workflow.action.ActionCall;
import dev.orderhub.workflow.action.ActionFailed;
import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Cancels a Shopify order through the Admin REST API: {@code POST
 * /admin/api/2025-01/orders/{id}/cancel.json} on the shop's own domain, with the site's Admin API
 * access token. A 422 (already canceled, or not cancelable any more) is recorded as a failure
 * to look at, not retried.
 */
public final class ShopifyOrderActions {
    private static final Pattern ORDER_ID = Pattern.compile("[0-9]{1,20}");
    private static final Pattern SHOP = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}\\.myshopify\\.com");
    private final OutboundHttp http;
    private final URI baseOverride;

    /** @param baseOverride null: https://{shop domain}; else a stand-in for every shop (SHOPIFY_API_BASE) */
    public ShopifyOrderActions(OutboundHttp http, URI baseOverride) {
        this.http = http;
        this.baseOverride = baseOverride;
    }

    /** @param reason Shopify's: customer, inventory, fraud, declined or other */
    public String cancel(String shopDomain, String orderId, String reason, String token) {
        if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
            throw ActionFailed.permanent("the order has no numeric Shopify order id");
        }
        if (token == null || token.isBlank()) {
            throw ActionFailed.permanent("the site's shopify config has no adminApiToken secret");
        }
        URI base = baseOverride;
        if (base == null) {
            if (shopDomain == null || !SHOP.matcher(shopDomain).matches()) {
                throw ActionFailed.permanent("the order does not name its shop (*.myshopify.com)");
            }
            base = URI.create("https://" + shopDomain);
        }
        ActionCall.post(http, base.resolve("/admin/api/2025-01/orders/" + orderId + "/cancel.json"),
                "application/json", Json.write(Map.of("reason", reason)), Map.of("x-shopify-access-token", token),
                "Shopify cancel of order " + orderId);
        return "shopify order " + orderId + " canceled";
    }
}

package dev.orderhub.provider.shopify;

import java.time.Instant;

/**
 * What a verified Shopify request says besides its body.
 *
 * @param deliveryId the dedup key (see {@code ShopifyProvider#deliveryId})
 * @param shopDomain X-Shopify-Shop-Domain when well formed, else null
 * @param raw the body as received, kept with the event
 */
record ShopifyDelivery(String clientId, String topic, String deliveryId, String shopDomain, String raw, Instant now) {}

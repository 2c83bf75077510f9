package dev.orderhub.local.sign;

import dev.orderhub.crypto.Signatures;
import dev.orderhub.provider.shopify.ShopifyProvider;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Shopify: the JSON as it is, X-Shopify-Hmac-SHA256 = base64 HMAC-SHA256(body, client secret),
 * and the delivery headers. The topic must be given (X-Shopify-Topic in the extra headers); a
 * new X-Shopify-Webhook-Id is made per signing unless one is given, as Shopify does per
 * delivery, so that a test can also send one delivery twice.
 */
public final class ShopifySigner implements CallbackSigner {
    static final String DEMO_SHOP = "orderhub-demo.myshopify.com";

    @Override
    public String provider() {
        return ShopifyProvider.ID;
    }

    @Override
    public Signed sign(String payload, Map<String, String> secrets, Instant now) {
        throw new IllegalArgumentException("a Shopify delivery needs its topic: sign with the X-Shopify-Topic header");
    }

    @Override
    public Signed sign(String payload, Map<String, String> secrets, Instant now, Map<String, String> headers) {
        if (headers.keySet().stream().noneMatch("X-Shopify-Topic"::equalsIgnoreCase)) {
            throw new IllegalArgumentException("a Shopify delivery needs its topic: X-Shopify-Topic");
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put("X-Shopify-Webhook-Id", UUID.randomUUID().toString());
        all.put("X-Shopify-Shop-Domain", DEMO_SHOP);
        all.put("X-Shopify-Triggered-At", now.toString());
        all.put("X-Shopify-API-Version", "2026-07");
        all.putAll(headers);
        byte[] mac = Signatures.hmacSha256(secrets.get(ShopifyProvider.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8));
        all.put("X-Shopify-Hmac-SHA256", Base64.getEncoder().encodeToString(mac));
        return new Signed("application/json", all, payload);
    }
}

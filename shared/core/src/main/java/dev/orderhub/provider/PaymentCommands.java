package dev.orderhub.provider;

import dev.orderhub.provider.api.OutboundHttp;
import java.util.Map;

/**
 * The payment commands workflow actions send a provider: cancel, and capture where the provider
 * holds authorized payments. Each call is safe to repeat with the same idempotency key. A command
 * that cannot succeed for this order throws {@code ActionFailed.permanent}.
 */
public interface PaymentCommands {
    /** The secret in the site's config the commands call the provider with (e.g. "apiKey"). */
    String credential();

    /** What the commands act on, in the plural ("Stripe payment intents"), for messages to the admin. */
    String targets();

    /** One of them ("Stripe payment intent pi_…"), for the dry run. */
    String target(String orderRef);

    /** Whether the provider holds payments to capture. */
    default boolean captures() {
        return false;
    }

    /** Captures the order's payment; only when {@link #captures()}. Returns what was done, in words. */
    default String capture(OutboundHttp http, String orderRef, String credential, String idempotencyKey) {
        throw new UnsupportedOperationException("no capture");
    }

    /**
     * Cancels the order.
     *
     * @param attributes the order's attributes (Shopify's names the shop to call)
     * @param reason one of the workflow's cancellation reasons (Stripe's words), or null
     */
    String cancel(OutboundHttp http, String orderRef, Map<String, String> attributes, String reason, String credential,
            String idempotencyKey);
}

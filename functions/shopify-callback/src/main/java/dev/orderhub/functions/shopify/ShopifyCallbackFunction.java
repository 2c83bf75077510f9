package dev.orderhub.functions.shopify;

import dev.orderhub.provider.CallbackFunction;

/** POST /callbacks/shopify/{clientId}: the registry's shopify provider (dev.orderhub.provider.shopify) verifies and normalizes. */
public final class ShopifyCallbackFunction extends CallbackFunction {
    public ShopifyCallbackFunction() {
        super("shopify");
    }
}

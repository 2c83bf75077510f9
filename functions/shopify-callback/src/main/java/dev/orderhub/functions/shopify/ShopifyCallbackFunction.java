package dev.orderhub.functions.shopify;

import dev.orderhub.provider.CallbackFunction;
import dev.orderhub.provider.shopify.ShopifyProvider;

/** POST /callbacks/shopify/{clientId}: verification and normalization live in {@link ShopifyProvider}. */
public final class ShopifyCallbackFunction extends CallbackFunction {
    public ShopifyCallbackFunction() {
        super(new ShopifyProvider());
    }
}

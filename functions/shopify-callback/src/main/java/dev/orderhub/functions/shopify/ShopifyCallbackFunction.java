package dev.orderhub.functions.shopify;

import dev.orderhub.provider.CallbackFunction;
import dev.orderhub.runtime.Stack;

/** POST /callbacks/shopify/{clientId}: the registry's shopify provider (dev.orderhub.provider.shopify) verifies and normalizes. */
public final class ShopifyCallbackFunction extends CallbackFunction {
    /** Lambda's constructor: once per container, from the function's environment. */
    public ShopifyCallbackFunction() {
        this(Stack.fromEnvironment());
    }

    /** Local mode and tests: from the stack they built for this function. */
    public ShopifyCallbackFunction(Stack stack) {
        super("shopify", stack);
    }
}

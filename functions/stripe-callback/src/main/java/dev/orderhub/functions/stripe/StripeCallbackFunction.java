package dev.orderhub.functions.stripe;

import dev.orderhub.provider.CallbackFunction;

/** POST /callbacks/stripe/{clientId}: the registry's stripe provider (dev.orderhub.provider.stripe) verifies and normalizes. */
public final class StripeCallbackFunction extends CallbackFunction {
    public StripeCallbackFunction() {
        super("stripe");
    }
}

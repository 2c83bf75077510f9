package dev.orderhub.functions.stripe;

import dev.orderhub.provider.CallbackFunction;
import dev.orderhub.provider.stripe.StripeProvider;

/** POST /callbacks/stripe/{clientId}: verification and normalization live in {@link StripeProvider}. */
public final class StripeCallbackFunction extends CallbackFunction {
    public StripeCallbackFunction() {
        super(new StripeProvider());
    }
}

package dev.orderhub.functions.stripe;

import dev.orderhub.provider.CallbackFunction;
import dev.orderhub.runtime.Stack;

/** POST /callbacks/stripe/{clientId}: the registry's stripe provider (dev.orderhub.provider.stripe) verifies and normalizes. */
public final class StripeCallbackFunction extends CallbackFunction {
    /** Lambda's constructor: once per container, from the function's environment. */
    public StripeCallbackFunction() {
        this(Stack.fromEnvironment());
    }

    /** Local mode and tests: from the stack they built for this function. */
    public StripeCallbackFunction(Stack stack) {
        super("stripe", stack);
    }
}

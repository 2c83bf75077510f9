package dev.orderhub.functions.kofi;

import dev.orderhub.provider.CallbackFunction;
import dev.orderhub.runtime.Stack;

/** POST /callbacks/kofi/{clientId}: the registry's kofi provider (dev.orderhub.provider.kofi) verifies and normalizes. */
public final class KofiCallbackFunction extends CallbackFunction {
    /** Lambda's constructor: once per container, from the function's environment. */
    public KofiCallbackFunction() {
        this(Stack.fromEnvironment());
    }

    /** Local mode and tests: from the stack they built for this function. */
    public KofiCallbackFunction(Stack stack) {
        super("kofi", stack);
    }
}

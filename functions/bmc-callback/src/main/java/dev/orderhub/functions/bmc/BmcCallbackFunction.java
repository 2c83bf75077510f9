package dev.orderhub.functions.bmc;

import dev.orderhub.provider.CallbackFunction;
import dev.orderhub.runtime.Stack;

/** POST /callbacks/bmc/{clientId}: the registry's bmc provider (dev.orderhub.provider.bmc) verifies and normalizes. */
public final class BmcCallbackFunction extends CallbackFunction {
    /** Lambda's constructor: once per container, from the function's environment. */
    public BmcCallbackFunction() {
        this(Stack.fromEnvironment());
    }

    /** Local mode and tests: from the stack they built for this function. */
    public BmcCallbackFunction(Stack stack) {
        super("bmc", stack);
    }
}

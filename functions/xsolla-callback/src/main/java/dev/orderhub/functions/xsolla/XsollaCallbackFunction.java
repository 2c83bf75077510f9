package dev.orderhub.functions.xsolla;

import dev.orderhub.provider.CallbackFunction;
import dev.orderhub.runtime.Stack;

/** POST /callbacks/xsolla/{clientId}: the registry's xsolla provider (dev.orderhub.provider.xsolla) verifies and normalizes. */
public final class XsollaCallbackFunction extends CallbackFunction {
    /** Lambda's constructor: once per container, from the function's environment. */
    public XsollaCallbackFunction() {
        this(Stack.fromEnvironment());
    }

    /** Local mode and tests: from the stack they built for this function. */
    public XsollaCallbackFunction(Stack stack) {
        super("xsolla", stack);
    }
}

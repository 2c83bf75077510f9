package dev.orderhub.functions.bmc;

import dev.orderhub.provider.CallbackFunction;

/** POST /callbacks/bmc/{clientId}: the registry's bmc provider (dev.orderhub.provider.bmc) verifies and normalizes. */
public final class BmcCallbackFunction extends CallbackFunction {
    public BmcCallbackFunction() {
        super("bmc");
    }
}

package dev.orderhub.functions.bmc;

import dev.orderhub.provider.CallbackFunction;
import dev.orderhub.provider.bmc.BmcProvider;

/** POST /callbacks/bmc/{clientId}: verification and normalization live in {@link BmcProvider}. */
public final class BmcCallbackFunction extends CallbackFunction {
    public BmcCallbackFunction() {
        super(new BmcProvider());
    }
}

package dev.orderhub.functions.xsolla;

import dev.orderhub.provider.CallbackFunction;

/** POST /callbacks/xsolla/{clientId}: the registry's xsolla provider (dev.orderhub.provider.xsolla) verifies and normalizes. */
public final class XsollaCallbackFunction extends CallbackFunction {
    public XsollaCallbackFunction() {
        super("xsolla");
    }
}

package dev.orderhub.functions.xsolla;

import dev.orderhub.provider.CallbackFunction;
import dev.orderhub.provider.xsolla.XsollaProvider;

/** POST /callbacks/xsolla/{clientId}: verification and normalization live in {@link XsollaProvider}. */
public final class XsollaCallbackFunction extends CallbackFunction {
    public XsollaCallbackFunction() {
        super(new XsollaProvider());
    }
}

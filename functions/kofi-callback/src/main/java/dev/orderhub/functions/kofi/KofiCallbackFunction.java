package dev.orderhub.functions.kofi;

import dev.orderhub.provider.CallbackFunction;

/** POST /callbacks/kofi/{clientId}: the registry's kofi provider (dev.orderhub.provider.kofi) verifies and normalizes. */
public final class KofiCallbackFunction extends CallbackFunction {
    public KofiCallbackFunction() {
        super("kofi");
    }
}

package dev.orderhub.functions.kofi;

import dev.orderhub.provider.CallbackFunction;
import dev.orderhub.provider.kofi.KofiProvider;

/** POST /callbacks/kofi/{clientId}: verification and normalization live in {@link KofiProvider}. */
public final class KofiCallbackFunction extends CallbackFunction {
    public KofiCallbackFunction() {
        super(new KofiProvider());
    }
}

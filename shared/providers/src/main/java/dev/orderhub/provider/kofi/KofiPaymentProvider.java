package dev.orderhub.provider.kofi;

import dev.orderhub.provider.PaymentProvider;
import dev.orderhub.provider.Provider;

/** Ko-fi: callbacks only (it has no API the hub could ask, list or command). */
public final class KofiPaymentProvider implements PaymentProvider {
    private final KofiProvider webhook = new KofiProvider();

    @Override
    public String displayName() {
        return "Ko-fi";
    }

    @Override
    public Provider webhook() {
        return webhook;
    }
}

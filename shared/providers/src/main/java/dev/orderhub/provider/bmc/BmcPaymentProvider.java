package dev.orderhub.provider.bmc;

import dev.orderhub.provider.PaymentProvider;
import dev.orderhub.provider.Provider;

/** Buy Me a Coffee: callbacks only (it has no API the hub could ask, list or command). */
public final class BmcPaymentProvider implements PaymentProvider {
    private final BmcProvider webhook = new BmcProvider();

    @Override
    public String displayName() {
        return "Buy Me a Coffee";
    }

    @Override
    public Provider webhook() {
        return webhook;
    }
}

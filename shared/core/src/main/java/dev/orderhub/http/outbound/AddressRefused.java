package dev.orderhub.http.outbound;

import dev.orderhub.provider.api.ProviderApiException;

/**
 * An outgoing call was not made: its URL names, or its host resolves to, an address outbound
 * calls may not reach (loopback, private, link-local, metadata, …). Never retried. The message
 * is the same whatever the reason, so nobody learns more about the hub's network than "no".
 */
public final class AddressRefused extends ProviderApiException {
    public static final String MESSAGE = "refused: address not allowed";

    public AddressRefused() {
        super(MESSAGE, MESSAGE);
    }
}

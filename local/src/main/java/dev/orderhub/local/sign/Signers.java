package dev.orderhub.local.sign;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The signer of each provider. */
public final class Signers {
    private static final Map<String, CallbackSigner> BY_PROVIDER = List.<CallbackSigner>of(
                    new KofiSigner(), new XsollaSigner(), new BmcSigner(), new ShopifySigner(), new StripeSigner())
            .stream().collect(Collectors.toUnmodifiableMap(CallbackSigner::provider, Function.identity()));

    private Signers() {}

    public static Optional<CallbackSigner> find(String provider) {
        return Optional.ofNullable(BY_PROVIDER.get(provider));
    }
}

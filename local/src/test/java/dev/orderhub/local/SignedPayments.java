package dev.orderhub.local;

import dev.orderhub.local.load.LoadTraffic;
import dev.orderhub.local.sign.CallbackSigner;
import dev.orderhub.local.sign.Signers;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** A payment callback of one provider, signed as the provider would sign it with one secret value. */
public final class SignedPayments {
    private SignedPayments() {}

    /** The name of the provider's current signing secret (the one its signer signs with). */
    public static String signingSecretName(String provider) {
        return DemoSite.SECRETS.get(provider).keySet().iterator().next();
    }

    /** Sends a fresh payment to the site, signed with {@code secret}; the hub's answer. */
    public static TestHub.Response pay(String clientId, String provider, String secret) {
        int n = ThreadLocalRandom.current().nextInt(1_000_000, 9_000_000);
        CallbackSigner.Signed s = Signers.find(provider).orElseThrow().sign(
                LoadTraffic.payment(provider, n, "signed-" + n + "@example.com"), Map.of(signingSecretName(provider), secret),
                Instant.now(), LoadTraffic.deliveryHeaders(provider, n));
        return TestHub.send("POST", "/callbacks/" + provider + "/" + clientId, s.contentType(), s.body(), s.headers());
    }
}

package dev.orderhub.local.sign;

import dev.orderhub.crypto.Signatures;
import dev.orderhub.provider.bmc.BmcProvider;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/** Buy Me a Coffee: the JSON as it is, with x-signature-sha256 = hex HMAC-SHA256(body, signing secret). */
public final class BmcSigner implements CallbackSigner {
    @Override
    public String provider() {
        return BmcProvider.ID;
    }

    @Override
    public Signed sign(String payload, Map<String, String> secrets, Instant now) {
        byte[] mac = Signatures.hmacSha256(secrets.get(BmcProvider.SIGNING_SECRET).getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8));
        return new Signed("application/json", Map.of("x-signature-sha256", HexFormat.of().formatHex(mac)), payload);
    }
}

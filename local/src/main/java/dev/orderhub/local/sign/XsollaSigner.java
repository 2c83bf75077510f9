package dev.orderhub.local.sign;

import dev.orderhub.provider.xsolla.XsollaProvider;
import dev.orderhub.provider.xsolla.XsollaSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Xsolla posts the JSON as it is, signed with {@code Authorization: Signature <sha1(body + project secret)>}. */
public final class XsollaSigner implements CallbackSigner {
    @Override
    public String provider() {
        return XsollaProvider.ID;
    }

    @Override
    public Signed sign(String payload, Map<String, String> secrets, Instant now) {
        String header = XsollaSignature.header(payload.getBytes(StandardCharsets.UTF_8), secrets.get(XsollaProvider.PROJECT_SECRET));
        return new Signed("application/json", Map.of("authorization", header), payload);
    }
}

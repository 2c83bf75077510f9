package dev.orderhub.local.sign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.provider.kofi.KofiProvider;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Ko-fi signs nothing: it puts the verification token in the JSON and form-encodes it as {@code data}. */
public final class KofiSigner implements CallbackSigner {
    @Override
    public String provider() {
        return KofiProvider.ID;
    }

    @Override
    public Signed sign(String payload, Map<String, String> secrets, Instant now) {
        ObjectNode json = (ObjectNode) Json.parse(payload);
        json.put("verification_token", secrets.get(KofiProvider.VERIFICATION_TOKEN));
        return new Signed("application/x-www-form-urlencoded", Map.of(),
                "data=" + URLEncoder.encode(json.toString(), StandardCharsets.UTF_8));
    }
}

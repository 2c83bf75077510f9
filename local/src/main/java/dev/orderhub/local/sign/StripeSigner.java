package dev.orderhub.local.sign;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.orderhub.provider.stripe.StripeProvider;
import dev.orderhub.provider.stripe.StripeSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Stripe posts the event JSON as it is and signs "t.body" in the Stripe-Signature header. */
public final class StripeSigner implements CallbackSigner {
    @Override
    public String provider() {
        return StripeProvider.ID;
    }

    @Override
    public Signed sign(String payload, Map<String, String> secrets, Instant now) {
        String header = StripeSignature.header(payload.getBytes(StandardCharsets.UTF_8),
                secrets.get(StripeProvider.WEBHOOK_SECRET), now.getEpochSecond());
        return new Signed("application/json; charset=utf-8", Map.of("Stripe-Signature", header), payload);
    }

    /** Replaces the Stripe-Signature header (whatever its case) with one made now over the same bytes. */
    @Override
    public APIGatewayV2HTTPEvent restamp(APIGatewayV2HTTPEvent event, Map<String, String> secrets, Instant now) {
        String raw = event.getBody() == null ? "" : event.getBody();
        byte[] body = event.getIsBase64Encoded() ? Base64.getDecoder().decode(raw) : raw.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> {
                if (!k.toLowerCase(Locale.ROOT).equals(StripeSignature.HEADER)) {
                    headers.put(k, v);
                }
            });
        }
        headers.put(StripeSignature.HEADER, StripeSignature.header(body, secrets.get(StripeProvider.WEBHOOK_SECRET),
                now.getEpochSecond()));
        event.setHeaders(headers);
        return event;
    }
}

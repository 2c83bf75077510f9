package dev.orderhub.workflow.action;

import dev.orderhub.crypto.Signatures;
import dev.orderhub.provider.api.ApiHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;

/**
 * Outgoing webhooks: the body is signed with the site's webhook secret as
 * {@code X-Orderhub-Signature: v1=hex(HMAC-SHA256(secret, timestamp + "." + body))} with
 * {@code X-Orderhub-Timestamp} (Unix seconds), so a receiver checks it in constant time and
 * refuses old timestamps (replays). {@code X-Orderhub-Delivery} is the action's key: the same
 * for every retry of one delivery, for the receiver to drop repeats.
 */
public final class WebhookSender {
    public static final String SIGNATURE = "x-orderhub-signature";
    public static final String TIMESTAMP = "x-orderhub-timestamp";
    public static final String DELIVERY = "x-orderhub-delivery";
    private final ApiHttp http;
    private final Clock clock;

    public WebhookSender(ApiHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    public static String signature(String secret, long timestamp, String body) {
        return "v1=" + HexFormat.of().formatHex(Signatures.hmacSha256(secret.getBytes(StandardCharsets.UTF_8),
                (timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    public String send(URI url, String body, String secret, String deliveryId) {
        long t = clock.instant().getEpochSecond();
        HttpResponse<String> r = ActionCall.post(http, url, "application/json", body, Map.of(
                TIMESTAMP, Long.toString(t), SIGNATURE, signature(secret, t, body), DELIVERY, deliveryId),
                "webhook to " + url.getHost());
        return "webhook delivered to " + url.getHost() + " (HTTP " + r.statusCode() + ")";
    }
}

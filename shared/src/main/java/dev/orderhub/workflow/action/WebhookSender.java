package dev.orderhub.workflow.action;

import dev.orderhub.crypto.Signatures;
import dev.orderhub.http.outbound.AddressRefused;
import dev.orderhub.http.outbound.OutboundAddresses;
import dev.orderhub.provider.api.ApiHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;

/**
 * Outgoing webhooks: the body is signed with the site's webhook secret as
 * {@code X-Orderhub-Signature: v1=hex(HMAC-SHA256(secret, timestamp + "." + body))} with
 * {@code X-Orderhub-Timestamp} (Unix seconds), so a receiver checks it in constant time and
 * refuses old timestamps (replays). {@code X-Orderhub-Delivery} is the action's key: the same
 * for every retry of one delivery, for the receiver to drop repeats. The receiver is reached
 * only at a public address checked at this send ({@link ApiHttp}), its answer is read for its
 * status and at most {@link ApiHttp#WEBHOOK_ANSWER_BYTES}, and nothing of it is kept.
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
        String host = OutboundAddresses.host(url);
        // Only https here (the save-time rule); a local stand-in is reached over http only under the loopback allowance.
        if (!"https".equals(url.getScheme()) && !http.addresses().loopbackAllowed()) {
            throw ActionFailed.permanent("webhook to " + host + " " + AddressRefused.MESSAGE);
        }
        ApiHttp.Answer r = ActionCall.post(http, url, "application/json", body, Map.of(
                TIMESTAMP, Long.toString(t), SIGNATURE, signature(secret, t, body), DELIVERY, deliveryId),
                "webhook to " + host, ApiHttp.WEBHOOK_ANSWER_BYTES);
        return "webhook delivered to " + host + " (HTTP " + r.statusCode() + ")";
    }
}

package dev.orderhub.workflow.action;

import dev.orderhub.crypto.Signatures;
import dev.orderhub.http.outbound.AddressPolicy;
import dev.orderhub.http.outbound.AddressRefused;
import dev.orderhub.provider.api.OutboundHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * Outgoing webhooks, signed as Standard Webhooks (standardwebhooks.com) specifies, so that a
 * receiver verifies them with any of its libraries: {@code webhook-id} (the action's key: the same
 * for every retry of one delivery, for the receiver to drop repeats), {@code webhook-timestamp}
 * (Unix seconds, for the receiver to refuse old ones: replays) and {@code webhook-signature:
 * v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>}, where the key is the
 * base64-decoded part of the site's {@code whsec_…} secret. A secret made before (
 * {@code whsk_…}) keys the HMAC with its own characters: its Standard Webhooks form is
 * {@code whsec_} + base64 of them.
 *
 * <p>For one release the earlier headers are sent too ({@code X-Orderhub-Signature:
 * v1=hex(HMAC-SHA256(secret as text, timestamp + "." + body))}, {@code X-Orderhub-Timestamp},
 * {@code X-Orderhub-Delivery} = {@code webhook-id}), so receivers written for them keep working
 * while they move; they go in the next one (docs/workflows.md).
 *
 * <p>The receiver is reached only at a public address checked at this send ({@link OutboundHttp}), its
 * answer is read for its status and at most {@link OutboundHttp#WEBHOOK_ANSWER_BYTES}, and nothing of
 * it is kept.
 */
public final class WebhookSender {
    public static final String ID = "webhook-id";
    public static final String STANDARD_TIMESTAMP = "webhook-timestamp";
    public static final String STANDARD_SIGNATURE = "webhook-signature";
    /** The earlier headers, kept for one release. */
    public static final String SIGNATURE = "x-orderhub-signature";
    public static final String TIMESTAMP = "x-orderhub-timestamp";
    public static final String DELIVERY = "x-orderhub-delivery";
    static final String SECRET_PREFIX = "whsec_";
    private final OutboundHttp http;
    private final Clock clock;

    public WebhookSender(OutboundHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** The Standard Webhooks {@code webhook-signature} of one delivery. */
    public static String standardSignature(String secret, String id, long timestamp, String body) {
        return "v1," + Base64.getEncoder().encodeToString(Signatures.hmacSha256(key(secret),
                (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    /** The base64-decoded part after {@code whsec_}; an earlier secret's own characters. */
    static byte[] key(String secret) {
        if (secret.startsWith(SECRET_PREFIX)) {
            return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The earlier {@code X-Orderhub-Signature}, kept for one release. */
    public static String signature(String secret, long timestamp, String body) {
        return "v1=" + HexFormat.of().formatHex(Signatures.hmacSha256(secret.getBytes(StandardCharsets.UTF_8),
                (timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    public String send(URI url, String body, String secret, String deliveryId) {
        long t = clock.instant().getEpochSecond();
        String host = AddressPolicy.host(url);
        // Only https here (the save-time rule); a local stand-in is reached over http only under the loopback allowance.
        if (!"https".equals(url.getScheme()) && !http.addresses().loopbackAllowed()) {
            throw ActionFailed.permanent("webhook to " + host + " " + AddressRefused.MESSAGE);
        }
        String timestamp = Long.toString(t);
        OutboundHttp.Answer r = ActionCall.post(http, url, "application/json", body, Map.of(
                ID, deliveryId, STANDARD_TIMESTAMP, timestamp, STANDARD_SIGNATURE, standardSignature(secret, deliveryId, t, body),
                TIMESTAMP, timestamp, SIGNATURE, signature(secret, t, body), DELIVERY, deliveryId),
                "webhook to " + host, OutboundHttp.WEBHOOK_ANSWER_BYTES);
        return "webhook delivered to " + host + " (HTTP " + r.statusCode() + ")";
    }
}

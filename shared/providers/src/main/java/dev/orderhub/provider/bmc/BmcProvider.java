package dev.orderhub.provider.bmc;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.orderhub.crypto.Signatures;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.json.Json;
import dev.orderhub.money.Money;
import dev.orderhub.provider.CallbackDecision;
import dev.orderhub.provider.CallbackRejection;
import dev.orderhub.provider.Provider;
import dev.orderhub.provider.SecretRotation;
import dev.orderhub.site.ProviderConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Buy Me a Coffee: a JSON POST signed with header {@code x-signature-sha256}, the hex
 * HMAC-SHA256 of the raw body under the site's webhook signing secret. BMC signs no timestamp,
 * so no replay window is possible; a replayed delivery carries the same {@code event_id} and is
 * dropped by the order's applied-event set. BMC only looks at the status code: 2xx, or it
 * retries (and disables the webhook after more than ten consecutive failures).
 *
 * <p>Event types (see {@link BmcEventTypes}) map to one event per callback. Each purchase is
 * one order, keyed by {@code data.transaction_id} (the card payment), or {@code data.psp_id}
 * (memberships and recurring donations carry the payment provider's subscription id instead),
 * or BMC's own {@code data.id}.
 */
public final class BmcProvider implements Provider {
    public static final String ID = "bmc";
    /** The secret BMC shows next to the webhook (Settings → Integrations → Webhooks). */
    public static final String SIGNING_SECRET = "signingSecret";
    /** The secret being rotated out: accepted too until it expires or the admin removes it. */
    public static final String PREVIOUS_SIGNING_SECRET = "previousSigningSecret";
    static final String SIGNATURE_HEADER = "x-signature-sha256";
    private static final SecretRotation SECRETS = new SecretRotation(SIGNING_SECRET, PREVIOUS_SIGNING_SECRET);

    /** BMC amounts are JSON numbers in major units; read them as exact decimals, never doubles. */
    private static final ObjectReader EXACT = Json.MAPPER.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> secretNames() {
        return Set.of(SIGNING_SECRET, PREVIOUS_SIGNING_SECRET);
    }

    @Override
    public Set<String> previousSecretNames() {
        return Set.of(PREVIOUS_SIGNING_SECRET);
    }

    @Override
    public Set<String> signatureHeaders() {
        return Set.of(SIGNATURE_HEADER);
    }

    @Override
    public Set<String> mediaTypes() {
        return Set.of("application/json");
    }

    @Override
    public CallbackDecision verifyAndNormalize(HttpRequest request, ProviderConfig config, String clientId, Instant now) {
        verifySignature(request, config, now);
        JsonNode json = parse(request.body());
        String type = required(json, "type");
        EventKind kind = BmcEventTypes.kindOf(type);
        if (kind == null) {
            return CallbackDecision.ignore("event type " + type + " is not tracked");
        }
        JsonNode data = json.get("data");
        if (data == null || !data.isObject()) {
            throw CallbackRejection.badRequest("field 'data' is missing");
        }
        return CallbackDecision.enqueue(List.of(normalize(json, data, type, kind, request.bodyText(), clientId, now)));
    }

    private static void verifySignature(HttpRequest request, ProviderConfig config, Instant now) {
        byte[] claimed = Signatures.fromHex(request.header(SIGNATURE_HEADER));
        if (claimed == null) {
            throw CallbackRejection.badSignature(SIGNATURE_HEADER + " is missing or not hex");
        }
        boolean valid = SECRETS.verifies(config, now, secret -> Signatures.constantTimeEquals(
                Signatures.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), request.body()), claimed));
        if (!valid) {
            throw CallbackRejection.badSignature(SIGNATURE_HEADER + " does not match the body");
        }
    }

    private static JsonNode parse(byte[] body) {
        JsonNode json;
        try {
            json = EXACT.readTree(body);
        } catch (IOException e) {
            throw CallbackRejection.badRequest("body is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw CallbackRejection.badRequest("body is not a JSON object");
        }
        return json;
    }

    /** BMC's {@code created} (unix seconds) as ISO-8601; a value no clock can show is a bad request. */
    private static String occurredAt(JsonNode created, Instant now) {
        if (created == null || created.isNull()) {
            return now.toString();
        }
        if (!created.canConvertToLong()) {
            throw CallbackRejection.badRequest("created is not a unix timestamp");
        }
        try {
            return Instant.ofEpochSecond(created.asLong()).toString();
        } catch (java.time.DateTimeException outOfRange) {
            throw CallbackRejection.badRequest("created is out of range"); // found by CallbackFuzzProof
        }
    }

    static PaymentEvent normalize(JsonNode json, JsonNode data, String type, EventKind kind, String raw,
            String clientId, Instant now) {
        String eventId = required(json, "event_id");
        String orderRef = firstPresent(data, "transaction_id", "psp_id", "id");
        if (orderRef == null) {
            throw CallbackRejection.badRequest("data has none of transaction_id, psp_id, id");
        }
        // A BMC refund refunds the whole payment (data.refunded turns "true"; data.amount stays the
        // payment's amount), so it is a full refund: amount null.
        Money amount = kind == EventKind.REFUNDED ? null : amount(data);
        JsonNode created = json.get("created");
        String occurredAt = occurredAt(created, now);
        JsonNode live = json.get("live_mode");
        boolean test = live != null && live.isBoolean() && !live.asBoolean();
        String message = Json.text(data, "support_note");
        return new PaymentEvent(PaymentEvent.SCHEMA_VERSION, eventId, BmcProvider.ID, clientId, orderRef, kind, amount,
                new PaymentEvent.Buyer(Json.text(data, "supporter_name"), Json.text(data, "supporter_email")),
                message, items(data), BmcEventTypes.family(type), test, occurredAt, now.toString(),
                attributes(data), "application/json", raw, List.of());
    }

    private static Money amount(JsonNode data) {
        String value = Json.text(data, "amount");
        String currency = Json.text(data, "currency");
        if (value == null || currency == null) {
            throw CallbackRejection.badRequest("data.amount and data.currency are required");
        }
        try {
            Money m = Money.parse(value, currency);
            if (m.minor() < 0) {
                throw CallbackRejection.badRequest("data.amount is negative");
            }
            return m;
        } catch (IllegalArgumentException e) {
            throw CallbackRejection.badRequest(e.getMessage());
        }
    }

    /** Extras bought ("title xN"), or the membership level. */
    private static List<String> items(JsonNode data) {
        List<String> items = new ArrayList<>();
        JsonNode extras = data.get("extras");
        if (extras != null && extras.isArray()) {
            for (JsonNode extra : extras) {
                String title = Json.text(extra, "title");
                if (title != null) {
                    String qty = Json.text(extra, "quantity");
                    items.add(qty == null ? title : title + " x" + qty);
                }
            }
        }
        String level = Json.text(data, "membership_level_name");
        if (level != null) {
            items.add(level);
        }
        return items;
    }

    /** Facts of the purchase itself (not of one event, since an order keeps the last value it saw). */
    private static Map<String, String> attributes(JsonNode data) {
        Map<String, String> attributes = new HashMap<>();
        for (String f : List.of("support_type", "note_hidden", "membership_level_name", "duration_type", "coffee_count")) {
            String v = Json.text(data, f);
            if (v != null) {
                attributes.put("bmc." + f, v);
            }
        }
        return attributes;
    }

    private static String firstPresent(JsonNode data, String... fields) {
        for (String f : fields) {
            String v = Json.text(data, f);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String required(JsonNode json, String field) {
        String v = Json.text(json, field);
        if (v == null || v.isBlank()) {
            throw CallbackRejection.badRequest("field '" + field + "' is missing");
        }
        return v;
    }
}

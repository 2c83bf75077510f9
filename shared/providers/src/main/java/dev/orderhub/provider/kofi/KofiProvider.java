package dev.orderhub.provider.kofi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ko-fi: a form-encoded POST whose field {@code data} holds the JSON. Ko-fi signs nothing; the
 * JSON carries the site's verification token, compared here in constant time. Every Ko-fi
 * callback reports a completed payment (donation, subscription payment, commission or shop
 * order), so each becomes a PAYMENT_SUCCEEDED event for the purchase
 * {@code kofi_transaction_id}. Ko-fi retries a delivery with the same {@code message_id}.
 */
public final class KofiProvider implements Provider {
    public static final String ID = "kofi";
    /** The config's secret: the token Ko-fi shows under Settings → API → Webhooks. */
    public static final String VERIFICATION_TOKEN = "verificationToken";
    /** The field of Ko-fi's JSON that carries the token: the one provider secret a callback body holds. */
    public static final String TOKEN_FIELD = "verification_token";
    /** Ko-fi has one token and no rotation of its own: there is no previous token to accept. */
    private static final SecretRotation SECRETS = new SecretRotation(VERIFICATION_TOKEN, null);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> secretNames() {
        return Set.of(VERIFICATION_TOKEN);
    }

    @Override
    public Set<String> bodySecretFields() {
        return Set.of(TOKEN_FIELD);
    }

    @Override
    public Set<String> mediaTypes() {
        return Set.of("application/x-www-form-urlencoded");
    }

    @Override
    public CallbackDecision verifyAndNormalize(HttpRequest request, ProviderConfig config, String clientId, Instant now) {
        String data;
        try {
            data = request.formFields().get("data");
        } catch (IllegalArgumentException badEscape) {
            throw CallbackRejection.badRequest("body is not valid form encoding");
        }
        if (data == null || data.isBlank()) {
            throw CallbackRejection.badRequest("form field 'data' is missing");
        }
        JsonNode json;
        try {
            json = Json.parse(data);
        } catch (IllegalArgumentException e) {
            throw CallbackRejection.badRequest("field 'data' is not JSON");
        }
        if (!json.isObject()) {
            throw CallbackRejection.badRequest("field 'data' is not a JSON object");
        }
        String claimed = Json.text(json, TOKEN_FIELD);
        if (!SECRETS.verifies(config, now, token -> Signatures.constantTimeEquals(token, claimed))) {
            throw new CallbackRejection(401, "INVALID_TOKEN", "verification_token does not match");
        }
        // The token is a secret: the raw payload the hub keeps is Ko-fi's JSON without it (as declared above).
        ((ObjectNode) json).remove(bodySecretFields());
        return CallbackDecision.enqueue(List.of(normalize(json, json.toString(), clientId, now)));
    }

    static PaymentEvent normalize(JsonNode json, String raw, String clientId, Instant now) {
        String messageId = required(json, "message_id");
        String transactionId = required(json, "kofi_transaction_id");
        Money amount;
        try {
            amount = Money.parse(required(json, "amount"), required(json, "currency"));
        } catch (IllegalArgumentException e) {
            throw CallbackRejection.badRequest(e.getMessage());
        }
        if (amount.minor() < 0) {
            throw CallbackRejection.badRequest("amount is negative");
        }
        String occurredAt;
        try {
            String ts = Json.text(json, "timestamp");
            occurredAt = ts == null ? now.toString() : Instant.parse(ts).toString();
        } catch (DateTimeParseException e) {
            throw CallbackRejection.badRequest("timestamp is not an ISO-8601 instant");
        }
        List<String> items = new ArrayList<>();
        JsonNode shopItems = json.get("shop_items");
        if (shopItems != null && shopItems.isArray()) {
            for (JsonNode item : shopItems) {
                String code = Json.text(item, "direct_link_code");
                if (code != null) {
                    String qty = Json.text(item, "quantity");
                    items.add(qty == null ? code : code + " x" + qty);
                }
            }
        }
        Map<String, String> attributes = new HashMap<>();
        for (String f : List.of("tier_name", "is_subscription_payment", "is_first_subscription_payment", "is_public", "url")) {
            String v = Json.text(json, f);
            if (v != null) {
                attributes.put("kofi." + f, v);
            }
        }
        return new PaymentEvent(PaymentEvent.SCHEMA_VERSION, messageId, ID, clientId, transactionId,
                EventKind.PAYMENT_SUCCEEDED, amount,
                new PaymentEvent.Buyer(Json.text(json, "from_name"), Json.text(json, "email")),
                Json.text(json, "message"), items, Json.text(json, "type"), false, occurredAt, now.toString(),
                attributes, "application/json", raw, List.of());
    }

    private static String required(JsonNode json, String field) {
        String v = Json.text(json, field);
        if (v == null || v.isBlank()) {
            throw CallbackRejection.badRequest("field '" + field + "' is missing");
        }
        return v;
    }
}

package dev.orderhub.functions.intents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.intent.IntentRepository;
import dev.orderhub.json.Json;
import dev.orderhub.money.Money;
import dev.orderhub.provider.Providers;
import java.util.Currency;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates the body of {@code POST /sites/{clientId}/intents}. The endpoint is public,
 * so everything is checked: JSON object only, known fields only, lengths, formats, and the
 * provider and currency from fixed lists; each refusal names its field.
 */
final class IntentRequest {
    static final int MAX_BODY_BYTES = 8 * 1024;
    private static final Set<String> FIELDS = Set.of("buyerName", "buyerEmail", "amount", "currency", "provider", "item", "note", "test");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,12}(\\.\\d{1,4})?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** Control characters other than tab and line breaks. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");

    private IntentRequest() {}

    static IntentRepository.Draft parse(HttpRequest request) {
        if (!"application/json".equals(request.mediaType())) {
            throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "send the intent as application/json", null);
        }
        if (request.body().length > MAX_BODY_BYTES) {
            throw new ApiError(413, "PAYLOAD_TOO_LARGE", "body exceeds " + MAX_BODY_BYTES + " bytes", null);
        }
        JsonNode body;
        try {
            body = Json.parse(request.bodyText());
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(null, "body is not valid JSON");
        }
        if (!body.isObject()) {
            throw ApiError.invalid(null, "body must be a JSON object");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw ApiError.invalid(f, "unknown field " + f + "; allowed: " + new java.util.TreeSet<>(FIELDS));
            }
        }
        String buyerName = text(body, "buyerName", 100, false);
        String buyerEmail = text(body, "buyerEmail", 254, true);
        if (!EMAIL.matcher(buyerEmail).matches()) {
            throw ApiError.invalid("buyerEmail", "buyerEmail must be an e-mail address");
        }
        String currency = text(body, "currency", 3, true);
        if (!CURRENCY.matcher(currency).matches() || !knownCurrency(currency)) {
            throw ApiError.invalid("currency", "currency must be an ISO 4217 code in capitals, e.g. USD");
        }
        Money amount = amount(text(body, "amount", 20, true), currency);
        String provider = text(body, "provider", 20, true);
        if (Providers.REGISTRY.find(provider).isEmpty()) {
            throw ApiError.invalid("provider", "provider must be one of " + Providers.REGISTRY.ids());
        }
        JsonNode test = body.get("test");
        if (test != null && !test.isNull() && !test.isBoolean()) {
            throw ApiError.invalid("test", "test must be true or false");
        }
        return new IntentRepository.Draft(buyerName, buyerEmail.trim(), amount, provider,
                text(body, "item", 200, false), text(body, "note", 500, false), test != null && test.asBoolean());
    }

    private static Money amount(String decimal, String currency) {
        if (!DECIMAL.matcher(decimal).matches()) {
            throw ApiError.invalid("amount", "amount must be a decimal string such as \"3.00\"");
        }
        Money m;
        try {
            m = Money.parse(decimal, currency);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("amount", "amount has more decimals than " + currency + " allows");
        }
        if (m.minor() <= 0) {
            throw ApiError.invalid("amount", "amount must be more than zero");
        }
        return m;
    }

    private static boolean knownCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String text(JsonNode body, String field, int max, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiError.invalid(field, field + " is required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw ApiError.invalid(field, field + " must be a non-empty string");
        }
        String s = v.asText();
        if (s.length() > max) {
            throw ApiError.invalid(field, field + " must be at most " + max + " characters");
        }
        if (CONTROL.matcher(s).find()) {
            throw ApiError.invalid(field, field + " must not contain control characters");
        }
        return s;
    }
}

package dev.orderhub.functions.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.json.Json;
import dev.orderhub.mail.MailAddress;

/** Reading and validating admin request bodies, with errors that name the field. */
final class AdminBodies {
    static final int MAX_BODY_BYTES = 64 * 1024;

    private AdminBodies() {}

    static JsonNode object(HttpRequest request) {
        if (request.body().length > MAX_BODY_BYTES) {
            throw new ApiError(413, "PAYLOAD_TOO_LARGE", "body exceeds " + MAX_BODY_BYTES + " bytes", "body");
        }
        if (request.body().length == 0) {
            return Json.object();
        }
        JsonNode node;
        try {
            node = Json.parse(request.bodyText());
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("body", "body is not valid JSON");
        }
        if (!node.isObject()) {
            throw ApiError.invalid("body", "body must be a JSON object");
        }
        return node;
    }

    /** A string field: null when absent; 400 when present but not a string, blank, or longer than max. */
    static String string(JsonNode body, String field, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw ApiError.invalid(field, field + " must be a non-empty string");
        }
        if (v.asText().length() > max) {
            throw ApiError.invalid(field, field + " must be at most " + max + " characters");
        }
        return v.asText();
    }

    static String requiredString(JsonNode body, String field, int max) {
        String v = string(body, field, max);
        if (v == null) {
            throw ApiError.invalid(field, field + " is required");
        }
        return v;
    }

    static String email(JsonNode body, String field) {
        String v = string(body, field, 254);
        if (v != null && !MailAddress.isOne(v)) {
            throw ApiError.invalid(field, field + " must be one e-mail address (name@example.com)");
        }
        return v;
    }

    /** A list of at most {@code max} e-mail addresses; empty when absent. */
    static java.util.List<String> emails(JsonNode body, String field, int max) {
        JsonNode v = body.get(field);
        java.util.List<String> out = new java.util.ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        String problem = field + " must be a list of at most " + max + " e-mail addresses";
        if (!v.isArray() || v.size() > max) {
            throw ApiError.invalid(field, problem);
        }
        for (JsonNode e : v) {
            if (!e.isTextual() || !MailAddress.isOne(e.asText())) {
                throw ApiError.invalid(field, problem);
            }
            out.add(e.asText());
        }
        return out;
    }

    /** 400 naming the first field not in {@code allowed}. */
    static void rejectUnknown(JsonNode body, java.util.Set<String> allowed) {
        for (java.util.Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw ApiError.invalid(f, "unknown field " + f + "; allowed: " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    /** A whole-number field within [min, max]; {@code fallback} when absent. */
    static int integer(JsonNode body, String field, int min, int max, int fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw ApiError.invalid(field, field + " must be a whole number from " + min + " to " + max);
        }
        return v.asInt();
    }

    /** An enum field given as its lower-case name; null when absent and not required. */
    static <E extends Enum<E>> E enumValue(JsonNode body, String field, Class<E> type, boolean required) {
        String v = required ? requiredString(body, field, 40) : string(body, field, 40);
        if (v == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(java.util.Locale.ROOT).equals(v)) {
                return e;
            }
        }
        throw ApiError.invalid(field, field + " must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList());
    }
}

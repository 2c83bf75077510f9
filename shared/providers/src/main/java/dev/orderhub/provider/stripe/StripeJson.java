package dev.orderhub.provider.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;

/** Reading Stripe's API objects: expandable ids, unix timestamps, integer minor units. */
final class StripeJson {
    private StripeJson() {}

    /** A scalar field as text, or null. */
    static String text(JsonNode node, String field) {
        return Json.text(node, field);
    }

    /**
     * An expandable reference: Stripe sends either the id ("pi_…") or, when expanded, the whole
     * object; both give the id.
     */
    static String id(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        return v.isObject() ? Json.text(v, "id") : null;
    }

    /** An integer field (amounts in minor units, counts), or null when absent or not an integer. */
    static Long integer(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isIntegralNumber() && v.canConvertToLong() ? v.asLong() : null;
    }

    static Boolean bool(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isBoolean() ? v.asBoolean() : null;
    }

    /** A unix-seconds field as an ISO-8601 instant, or null. */
    static String instant(JsonNode node, String field) {
        Long seconds = integer(node, field);
        return seconds == null ? null : Instant.ofEpochSecond(seconds).toString();
    }

    /** Stripe's lower-case currency code in the hub's ISO 4217 upper case, or null. */
    static String currency(JsonNode node, String field) {
        String c = text(node, field);
        return c == null ? null : c.toUpperCase(Locale.ROOT);
    }

    /** Stripe's metadata (string keys and values) as a plain object; {} when absent. */
    static ObjectNode metadata(JsonNode node) {
        ObjectNode out = Json.object();
        JsonNode m = node == null ? null : node.get("metadata");
        if (m != null && m.isObject()) {
            for (Iterator<String> it = m.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                JsonNode v = m.get(k);
                if (v != null && !v.isNull() && !v.isContainerNode()) {
                    out.put(k, v.asText());
                }
            }
        }
        return out;
    }

    /** The elements of a Stripe list object ({@code {"object":"list","data":[…]}}), or null when absent. */
    static JsonNode listData(JsonNode node, String field) {
        JsonNode list = node == null ? null : node.get(field);
        JsonNode data = list == null || !list.isObject() ? null : list.get("data");
        return data != null && data.isArray() ? data : null;
    }

    /** An object-valued field, or null when absent or not expanded. */
    static JsonNode object(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isObject() ? v : null;
    }

    static void put(ObjectNode out, String field, String value) {
        if (value == null) {
            out.putNull(field);
        } else {
            out.put(field, value);
        }
    }

    static void put(ObjectNode out, String field, Long value) {
        if (value == null) {
            out.putNull(field);
        } else {
            out.put(field, value);
        }
    }

    static void put(ObjectNode out, String field, Boolean value) {
        if (value == null) {
            out.putNull(field);
        } else {
            out.put(field, value);
        }
    }
}

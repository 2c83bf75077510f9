package dev.orderhub.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.orderhub.json.Json;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Takes the secrets a callback body can carry ({@link Provider#bodySecretFields()}) out of a text: as a
 * field of a JSON object at any depth, of a form, or of a JSON or form text held in a field (a raw body
 * kept inside an event). The callback pipeline applies a provider's fields to every event's body before it
 * is queued ({@link #removedFromBody}); the dead-letter view applies every provider's fields again when a
 * queued message is shown ({@link #removedFrom}).
 */
public final class BodySecrets {
    private final Set<String> fields;

    public BodySecrets(Set<String> fields) {
        this.fields = Set.copyOf(fields);
    }

    public Set<String> fields() {
        return fields;
    }

    /**
     * The text without secret fields: JSON (pretty-printed when {@code pretty}), a form, or as it
     * is. Unless pretty-printed, a text is replaced only when a secret was taken out of it, so
     * whatever held none reads exactly as it came.
     */
    public String removedFrom(String text, boolean pretty) {
        return text == null ? null : cleaned(text, pretty, true);
    }

    /**
     * A provider's callback body (JSON, or a form whose values may be JSON, as Ko-fi's {@code data}) without
     * its secret fields, otherwise exactly as it came. Text values are left as they are: they are what a buyer
     * typed (a message that reads like a form or like JSON naming a secret field is still the buyer's message),
     * never a body of their own.
     */
    public String removedFromBody(String body) {
        return body == null ? null : cleaned(body, false, false);
    }

    /** {@code textValues}: whether a text value may itself be a body (a raw body kept inside a queued event). */
    private String cleaned(String text, boolean pretty, boolean textValues) {
        String json = cleanedJson(text, pretty, textValues);
        if (json != null) {
            return json;
        }
        return text.contains("=") && !text.contains("\n") ? cleanedForm(text, textValues) : text;
    }

    /** The JSON object or array {@code text} without secret fields; null when {@code text} is neither. */
    private String cleanedJson(String text, boolean pretty, boolean textValues) {
        JsonNode json = null;
        try {
            json = Json.parse(text);
        } catch (IllegalArgumentException notJson) {
            return null; // a form, or text
        }
        if (json == null || !(json.isObject() || json.isArray())) {
            return null;
        }
        if (!clean(json, textValues) && !pretty) {
            return text;
        }
        try {
            return pretty ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) : Json.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes the secret fields out of {@code node} and everything inside it; true when it took any. */
    private boolean clean(JsonNode node, boolean textValues) {
        boolean removed = false;
        if (node instanceof ObjectNode object) {
            for (String name : fields) {
                removed |= object.remove(name) != null;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isTextual()) {
                    if (!textValues) {
                        continue;
                    }
                    String inner = field.getValue().asText();
                    String clean = cleaned(inner, false, true);
                    if (!clean.equals(inner)) {
                        field.setValue(TextNode.valueOf(clean)); // a raw body kept inside the event
                        removed = true;
                    }
                } else {
                    removed |= clean(field.getValue(), textValues);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                removed |= clean(element, textValues);
            }
        }
        return removed;
    }

    /**
     * {@code a=1&b=2}, secret fields left out, each value cleaned (as any text when {@code textValues}, else only
     * as JSON); text that is not a form as it is.
     */
    private String cleanedForm(String text, boolean textValues) {
        StringBuilder out = new StringBuilder();
        for (String pair : text.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? null : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notAForm) {
                return text;
            }
            if (fields.contains(name)) {
                continue;
            }
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(eq < 0 ? pair : pair.substring(0, eq + 1));
            if (value != null) {
                String json = textValues ? null : cleanedJson(value, false, false);
                String clean = textValues ? cleaned(value, false, true) : json == null ? value : json;
                out.append(clean.equals(value) ? pair.substring(eq + 1) : URLEncoder.encode(clean, StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }
}

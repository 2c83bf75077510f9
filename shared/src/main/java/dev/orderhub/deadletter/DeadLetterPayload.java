package dev.orderhub.deadletter;

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
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A dead letter's body as an admin reads it: the queued message as text, with the provider
 * secrets a callback body can carry removed (the {@code bodySecretFields} of the providers, given),
 * and bounded. Ko-fi's verification token is the one such secret today (the other platforms sign in
 * headers, which a queued event does not keep); the callback strips it before queueing, but a
 * message queued by an older version, or a raw body kept inside the event, may still hold it. It
 * is removed wherever it appears: as a field of the message or of any object inside it, and
 * inside the event's raw body, whether that is JSON or a form (Ko-fi posts {@code data=<json>}). Whatever the structure, a last pass masks any remaining
 * {@code verification_token} value in the text, so an unreadable message cannot carry one out.
 */
public final class DeadLetterPayload {
    /** What the admin API shows of a body at most: SQS allows 256 KiB, a page needs far less to see what failed. */
    public static final int MAX_CHARS = 64 * 1024;
    static final String REMOVED = "(removed)";
    private final Set<String> secretFields;
    private final Pattern leftInText;

    /** The text shown, and whether it was cut at {@link #MAX_CHARS}. */
    public record Shown(String text, boolean truncated) {}

    /** @param secretFields the callback-body fields that hold a secret ({@code ProviderCatalog#bodySecretFields}) */
    public DeadLetterPayload(Set<String> secretFields) {
        this.secretFields = Set.copyOf(secretFields);
        // No fields, nothing to mask: an empty alternation would match every quoted value.
        this.leftInText = this.secretFields.isEmpty() ? null : Pattern.compile(
                "((?:" + this.secretFields.stream().map(Pattern::quote).collect(Collectors.joining("|"))
                        + ")(?:\\\\?\"\\s*:\\s*\\\\?\"|%22%3A%22|\"?\\s*[=:]\\s*\"?))[^\"&\\\\,}\\s]*");
    }

    public Shown of(String body) {
        if (body == null) {
            return new Shown("", false);
        }
        String text = cleaned(body, true);
        text = leftInText == null ? text : leftInText.matcher(text).replaceAll("$1" + REMOVED);
        return text.length() > MAX_CHARS ? new Shown(text.substring(0, MAX_CHARS), true) : new Shown(text, false);
    }

    /**
     * The text without secret fields: JSON (pretty-printed when {@code pretty}), a form, or as it
     * is. A nested text (a raw body inside the event) is replaced only when a secret was taken out
     * of it, so whatever held none reads exactly as it was queued.
     */
    private String cleaned(String text, boolean pretty) {
        JsonNode json = null;
        try {
            json = Json.parse(text);
        } catch (IllegalArgumentException notJson) {
            // a form, or text
        }
        if (json != null && (json.isObject() || json.isArray())) {
            if (!clean(json) && !pretty) {
                return text;
            }
            try {
                return pretty ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) : Json.MAPPER.writeValueAsString(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return text.contains("=") && !text.contains("\n") ? cleanedForm(text) : text;
    }

    /** Takes the secret fields out of {@code node} and everything inside it; true when it took any. */
    private boolean clean(JsonNode node) {
        boolean removed = false;
        if (node instanceof ObjectNode object) {
            for (String name : secretFields) {
                removed |= object.remove(name) != null;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isTextual()) {
                    String inner = field.getValue().asText();
                    String clean = cleaned(inner, false);
                    if (!clean.equals(inner)) {
                        field.setValue(TextNode.valueOf(clean)); // a raw body kept inside the event
                        removed = true;
                    }
                } else {
                    removed |= clean(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                removed |= clean(element);
            }
        }
        return removed;
    }

    /** {@code a=1&b=2}, each value cleaned, secret fields left out; text that is not a form as it is. */
    private String cleanedForm(String text) {
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
            if (secretFields.contains(name)) {
                continue;
            }
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(eq < 0 ? pair : pair.substring(0, eq + 1));
            if (value != null) {
                String clean = cleaned(value, false);
                out.append(clean.equals(value) ? pair.substring(eq + 1) : URLEncoder.encode(clean, StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }
}

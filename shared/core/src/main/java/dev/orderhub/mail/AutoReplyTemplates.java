package dev.orderhub.mail;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A provider's auto-reply subject and body: plain text with {@code {{variable}}} tags
 * ({@link TemplateVariables#AUTO_REPLY}), rendered by {@link SellerTemplates} like every other
 * seller text; values are inserted as they are (the auto-reply has no HTML part).
 * <p>
 * Auto-replies saved before templates were checked were read by a dialect of their own: it filled
 * {@code {{name}}} (spaces allowed inside the braces) and left everything else as written, a
 * {@code {{#x}}} or {@code {{> file}}} included. A stored text is therefore converted on every
 * read: its placeholders become mustache variables and every other brace becomes literal text, so
 * each stored auto-reply sends exactly what it sent before, and a partial in one is text, never a
 * file. Texts saved now pass {@link #problem} first: for them the conversion changes nothing.
 */
public final class AutoReplyTemplates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*}}");
    /** Writes a literal "{": a dotted name, which no placeholder can spell and the value maps have only here. */
    private static final String OPEN_BRACE = "hub.openBrace";

    private AutoReplyTemplates() {}

    /** Why the text cannot be saved as an auto-reply subject or body (naming the tag), or null when it can. */
    public static String problem(String source) {
        return SellerTemplates.problem(source, TemplateVariables.AUTO_REPLY);
    }

    /** The stored text with its placeholders filled; unknown names write nothing. */
    public static String render(String stored, Map<String, String> values) {
        if (stored == null) {
            return "";
        }
        Map<String, Object> v = new HashMap<>(values);
        v.put(OPEN_BRACE, "{");
        return SellerTemplates.render(asMustache(stored), v, false);
    }

    /** The stored text in mustache: each placeholder a variable, each other "{" a variable writing "{". */
    static String asMustache(String stored) {
        Matcher m = PLACEHOLDER.matcher(stored);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            literal(stored.substring(last, m.start()), out);
            out.append("{{").append(m.group(1)).append("}}");
            last = m.end();
        }
        literal(stored.substring(last), out);
        return out.toString();
    }

    private static void literal(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                out.append("{{").append(OPEN_BRACE).append("}}");
            } else {
                out.append(c);
            }
        }
    }
}

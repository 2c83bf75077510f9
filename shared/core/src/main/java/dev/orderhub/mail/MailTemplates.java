package dev.orderhub.mail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Workflow e-mails: a subject, a text part and an HTML part per locale (en and ko; a missing
 * locale falls back to en), rendered by {@link SellerTemplates}: mustache, logic-less (a template
 * reads the values given and nothing else: no files, no methods) and escaping every value in the
 * HTML part; the subject and text parts insert values as they are.
 * <p>
 * Built-in templates are resources {@code mail/<name>.json}; a workflow action may carry its own
 * ({@code templates: {en: {subject, text, html}, ko: {...}}}), checked when the workflow is saved
 * ({@link #problem}) against {@link TemplateVariables#WORKFLOW_MAIL}.
 */
public final class MailTemplates {
    public static final String DEFAULT_LOCALE = MailTemplateNames.DEFAULT_LOCALE;
    private static final Set<String> BUILT_IN = MailTemplateNames.BUILT_IN;

    private MailTemplates() {}

    public record Rendered(String locale, String subject, String text, String html) {}

    /** Why a template part cannot be saved (naming the offending tag), or null when it can. */
    public static String problem(String source) {
        return SellerTemplates.problem(source, TemplateVariables.WORKFLOW_MAIL);
    }

    /** The built-in template's parts for every locale. */
    public static JsonNode builtIn(String name) {
        if (!BUILT_IN.contains(name)) {
            throw new IllegalArgumentException("no built-in template " + name);
        }
        try (InputStream in = MailTemplates.class.getResourceAsStream("/mail/" + name + ".json")) {
            return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Renders the locale's parts (or en's when the locale has none) with the values.
     *
     * @throws TemplateRefused when a part holds a tag the hub does not run (one stored before saving checked it)
     */
    public static Rendered render(JsonNode templates, String locale, Map<String, Object> values) {
        String l = locale != null && templates.has(locale) ? locale : DEFAULT_LOCALE;
        JsonNode t = templates.get(l);
        String html = Json.text(t, "html");
        return new Rendered(l, oneLine(SellerTemplates.render(Json.text(t, "subject"), values, false)),
                SellerTemplates.render(Json.text(t, "text"), values, false),
                html == null ? null : SellerTemplates.render(html, values, true));
    }

    public static Locale locale(String tag) {
        return "ko".equals(tag) ? Locale.KOREA : Locale.US;
    }

    /** Header injection guard: a subject is one line whatever the values hold. */
    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ").trim();
    }
}

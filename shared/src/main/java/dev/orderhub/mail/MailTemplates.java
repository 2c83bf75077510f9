package dev.orderhub.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import dev.orderhub.crypto.Signatures;
import dev.orderhub.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Workflow e-mails: a subject, a text part and an HTML part per locale (en and ko; a missing
 * locale falls back to en), rendered with mustache.java. Mustache because it is logic-less (a
 * seller's template cannot run code or reach into objects beyond the values given), small (one
 * 116 KB jar, no dependencies) and escapes HTML by default: the HTML part escapes every value, the
 * subject and text parts insert values as they are.
 * <p>
 * Built-in templates are resources {@code mail/<name>.json}; a workflow action may carry its own
 * ({@code templates: {en: {subject, text, html}, ko: {...}}}).
 */
public final class MailTemplates {
    public static final String DEFAULT_LOCALE = MailTemplateNames.DEFAULT_LOCALE;
    private static final Set<String> BUILT_IN = MailTemplateNames.BUILT_IN;

    private static final DefaultMustacheFactory HTML = new DefaultMustacheFactory();
    private static final DefaultMustacheFactory TEXT = new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private MailTemplates() {}

    public record Rendered(String locale, String subject, String text, String html) {}

    /** Why a template source does not compile, or null when it does. */
    public static String problem(String source) {
        try {
            TEXT.compile(new StringReader(source), "check-" + Signatures.sha256Hex(source));
            return null;
        } catch (MustacheException e) {
            return "template does not compile: " + e.getMessage();
        }
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

    /** Renders the locale's parts (or en's when the locale has none) with the values. */
    public static Rendered render(JsonNode templates, String locale, Map<String, Object> values) {
        String l = locale != null && templates.has(locale) ? locale : DEFAULT_LOCALE;
        JsonNode t = templates.get(l);
        String html = Json.text(t, "html");
        return new Rendered(l, oneLine(run(TEXT, Json.text(t, "subject"), values)), run(TEXT, Json.text(t, "text"), values),
                html == null ? null : run(HTML, html, values));
    }

    public static Locale locale(String tag) {
        return "ko".equals(tag) ? Locale.KOREA : Locale.US;
    }

    private static String run(DefaultMustacheFactory factory, String source, Map<String, Object> values) {
        // Named by content: the factory caches compiled templates by name.
        Mustache m = factory.compile(new StringReader(source), Signatures.sha256Hex(source));
        StringWriter out = new StringWriter();
        m.execute(out, values);
        return out.toString();
    }

    /** Header injection guard: a subject is one line whatever the values hold. */
    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ").trim();
    }
}

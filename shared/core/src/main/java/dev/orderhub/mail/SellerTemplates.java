package dev.orderhub.mail;

import com.github.mustachejava.Code;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.codes.CommentCode;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.NotIterableCode;
import com.github.mustachejava.codes.ValueCode;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * The one engine for every text a site owner writes for e-mails (workflow e-mail parts, the
 * auto-reply): mustache, as {@link SellerMustacheFactory} restricts it. Saving checks a template
 * ({@link #problem}): it must compile there and name only its documented {@link TemplateVariables}.
 * Rendering ({@link #render}) compiles with the same restrictions again, so a template stored
 * before the check existed still loads no file and calls no method; a name it does not know writes
 * nothing. The compile is kept per container ({@link CompiledTemplates}, by the template's text).
 */
public final class SellerTemplates {
    static final CompiledTemplates COMPILED = new CompiledTemplates(CompiledTemplates.MAX_ENTRIES);

    private SellerTemplates() {}

    /** Why the template cannot be saved (naming the tag), or null when it can. */
    public static String problem(String source, TemplateVariables variables) {
        try {
            check(compile(source, false).getCodes(), variables, new ArrayDeque<>());
            return null;
        } catch (TemplateRefused e) {
            return e.getMessage();
        } catch (MustacheException e) {
            return "template does not compile: " + e.getMessage();
        }
    }

    /**
     * The template filled with the values (text, yes/no, lists and maps of them).
     *
     * @param html escape values for HTML (the HTML part) or insert them as they are (subject, text)
     * @throws TemplateRefused when the template holds a tag the hub does not run
     * @throws MustacheException when it does not compile
     */
    public static String render(String source, Map<String, ?> values, boolean html) {
        StringWriter out = new StringWriter();
        COMPILED.get(source, html, text -> compile(text, html)).execute(out, values);
        return out.toString();
    }

    private static Mustache compile(String source, boolean html) {
        SellerMustacheFactory factory = new SellerMustacheFactory(html, source);
        try {
            return factory.compile(new StringReader(source), "seller-template");
        } catch (MustacheException e) {
            if (source.contains("{{=") && String.valueOf(e.getMessage()).contains("delimiters")) {
                // the parser's "changing default delimiters" refusal does not say where
                throw new TemplateRefused(factory.delimiterChange(), "changing the delimiters is not allowed");
            }
            throw e;
        }
    }

    /** Every name used is a variable of this kind of template, lists' entry names inside their sections only. */
    private static void check(Code[] codes, TemplateVariables variables, Deque<String> enclosing) {
        if (codes == null) {
            return;
        }
        for (Code code : codes) {
            if (code instanceof IterableCode section) {
                boolean inverted = section instanceof NotIterableCode;
                String tag = (inverted ? "{{^" : "{{#") + section.getName() + "}}";
                if (!variables.sections()) {
                    throw new TemplateRefused(tag, "this template takes {{variable}} tags only, no sections");
                }
                known(tag, section.getName(), variables, enclosing);
                if (!inverted) {
                    enclosing.push(section.getName());
                }
                check(section.getCodes(), variables, enclosing);
                if (!inverted) {
                    enclosing.pop();
                }
            } else if (code instanceof ValueCode value) {
                known("{{" + value.getName() + "}}", value.getName(), variables, enclosing);
            } else if (code instanceof CommentCode && !variables.sections()) {
                throw new TemplateRefused("{{!" + code.getName() + "}}", "this template takes {{variable}} tags only, no comments");
            }
        }
    }

    private static void known(String tag, String name, TemplateVariables variables, Deque<String> enclosing) {
        if (!variables.allows(name, enclosing)) {
            throw new TemplateRefused(tag, "not a variable of this template; the variables are " + variables.described());
        }
    }
}

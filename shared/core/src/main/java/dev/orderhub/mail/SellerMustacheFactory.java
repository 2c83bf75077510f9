package dev.orderhub.mail;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * mustache.java for one template a site owner wrote. The library's defaults are built for
 * templates the developer controls; here:
 * <ul>
 *   <li>the resolver refuses every name, so no partial ({@code {{>…}}}, {@code {{>*…}}}) or parent
 *       ({@code {{<…}}}) can load a file, a class path resource or a URL;</li>
 *   <li>the parser refuses delimiter changes ({@code {{=…=}}}), which would hide tags from a reader;</li>
 *   <li>the visitor refuses, while parsing and before anything is loaded, partials, parents, blocks,
 *       pragmas, unescaped values ({@code {{{…}}}}, {@code {{&…}}}) and dynamic names ({@code *});</li>
 *   <li>values are read by {@link PlainValues}: map keys only, never a method.</li>
 * </ul>
 * One instance per compile, so that a refusal can quote the tag from its template's text.
 */
final class SellerMustacheFactory extends DefaultMustacheFactory {
    static final String INCLUDES = "a template cannot include other templates or files";
    private final boolean html;
    private final String source;

    SellerMustacheFactory(boolean html, String source) {
        super(name -> {
            throw new TemplateRefused("{{>" + name + "}}", INCLUDES);
        });
        this.html = html;
        this.source = source;
        setObjectHandler(new PlainValues());
        mc.setAllowChangingDelimeters(false);
    }

    /** The HTML part escapes every value; the subject and the text part are plain text and insert values as they are. */
    @Override
    public void encode(String value, Writer writer) {
        if (html) {
            super.encode(value, writer);
            return;
        }
        try {
            writer.write(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public MustacheVisitor createMustacheVisitor() {
        return new DefaultMustacheVisitor(this) {
            @Override
            public void partial(TemplateContext tc, String variable, String indent) {
                throw refused("{{>", variable, INCLUDES);
            }

            @Override
            public void dynamicPartial(TemplateContext tc, String variable, String indent) {
                throw refused("{{>", variable, INCLUDES);
            }

            @Override
            public void extend(TemplateContext tc, String variable, Mustache mustache) {
                throw refused("{{<", variable, INCLUDES);
            }

            @Override
            public void name(TemplateContext tc, String variable, Mustache mustache) {
                throw refused("{{$", variable, "blocks belong to parent templates, which are not allowed");
            }

            @Override
            public void checkName(TemplateContext tc, String variable, Mustache mustache) {
                throw refused("{{?", variable, "blocks belong to parent templates, which are not allowed");
            }

            @Override
            public void pragma(TemplateContext tc, String pragma, String args) {
                throw refused("{{%", pragma, "pragmas are not allowed");
            }

            @Override
            public void value(TemplateContext tc, String variable, boolean encoded) {
                if (!encoded) {
                    String tag = written("{{{", variable);
                    throw new TemplateRefused(tag != null ? tag : written("{{&", variable, "}}"),
                            "unescaped values are not allowed; write {{" + variable + "}} (the HTML part escapes it, "
                                    + "the subject and text never do)");
                }
                dynamic(variable);
                super.value(tc, variable, true);
            }

            @Override
            public void iterable(TemplateContext tc, String variable, Mustache mustache) {
                dynamic(variable);
                super.iterable(tc, variable, mustache);
            }

            @Override
            public void notIterable(TemplateContext tc, String variable, Mustache mustache) {
                dynamic(variable);
                super.notIterable(tc, variable, mustache);
            }
        };
    }

    /** {@code {{*name}}} would look up the name that the value of {@code name} spells. */
    private void dynamic(String variable) {
        if (variable.startsWith("*")) {
            throw new TemplateRefused(written("{{", variable, "}}"), "dynamic names are not allowed");
        }
    }

    private TemplateRefused refused(String opener, String name, String reason) {
        return new TemplateRefused(written(opener, name, "}}"), reason);
    }

    /** The tag as the template wrote it (its first occurrence), else in plain form. */
    private String written(String opener, String name, String closer) {
        String found = written(opener, name);
        return found != null ? found : opener + name + closer;
    }

    private String written(String opener, String name) {
        Matcher m = Pattern.compile(Pattern.quote(opener) + "\\s*" + Pattern.quote(name) + "[^}]*}}}?").matcher(source);
        return m.find() ? m.group() : null;
    }

    /** The first delimiter change as written, for the refusal the parser's own error lacks. */
    String delimiterChange() {
        Matcher m = Pattern.compile("\\{\\{=[^}]*}}").matcher(source);
        return m.find() ? m.group() : "{{=";
    }
}

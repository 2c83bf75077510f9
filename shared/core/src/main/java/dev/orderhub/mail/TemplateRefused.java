package dev.orderhub.mail;

/**
 * A seller's template holds a tag the hub does not run: a partial or parent template (which would
 * load a file, a class path resource or a URL), a delimiter change, an unescaped value, a pragma,
 * or a name that is not one of its documented variables. The message names the tag as written.
 */
public final class TemplateRefused extends IllegalArgumentException {
    private final String tag;

    TemplateRefused(String tag, String reason) {
        super(tag + ": " + reason);
        this.tag = tag;
    }

    /** The offending tag, as the template wrote it where it could be found, else in its plain form. */
    public String tag() {
        return tag;
    }
}

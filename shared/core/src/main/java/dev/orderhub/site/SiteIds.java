package dev.orderhub.site;

import java.util.regex.Pattern;

/**
 * The one shape of a site's id (its clientId): what {@link SiteRepository#create(String)} makes, with room for
 * shorter ids chosen by an operator. Checked before a key is built from an id a caller sent, so no id reaches
 * DynamoDB that could name another item kind ({@code #}) or spill into a log line.
 */
public final class SiteIds {
    private static final Pattern SHAPE = Pattern.compile("site_[a-z0-9]{1,40}");

    private SiteIds() {
    }

    public static boolean wellFormed(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }
}

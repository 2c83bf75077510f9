package dev.orderhub.functions.admin;

import dev.orderhub.http.ApiError;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workflow's version as an HTTP entity tag ({@code "3"}), so that an editor can save only over
 * the copy it read: GET and every save answer it in ETag, a PUT sends it back in If-Match.
 */
final class WorkflowEtag {
    private static final Pattern ONE = Pattern.compile("\\s*\"([1-9][0-9]{0,17})\"\\s*");

    private WorkflowEtag() {}

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an If-Match names; empty when there is none (or {@code *}: any current version).
     * Weak tags ({@code W/"3"}), lists and bare numbers are refused with a 400 naming If-Match:
     * a save names exactly the one version it was made from.
     */
    static OptionalLong ifMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return OptionalLong.empty();
        }
        Matcher m = ONE.matcher(header);
        if (!m.matches()) {
            throw ApiError.invalid("If-Match", "If-Match must be one ETag as GET returned it, like \"3\"");
        }
        return OptionalLong.of(Long.parseLong(m.group(1)));
    }
}

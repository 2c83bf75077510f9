package dev.orderhub.admin;

import java.util.Locale;

/** What an admin key may do on its sites. */
public enum AdminRole {
    /** Everything, including site settings and secrets. */
    OWNER,
    /** Orders and review. */
    OPERATOR,
    /** Read only. */
    VIEWER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AdminRole fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}

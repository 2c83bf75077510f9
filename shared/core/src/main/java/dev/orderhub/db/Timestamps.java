package dev.orderhub.db;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** UTC timestamps of one width (milliseconds always present), so that text order is time order in sort keys. */
public final class Timestamps {
    private static final DateTimeFormatter FIXED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String fixed(Instant t) {
        return FIXED.format(t);
    }
}

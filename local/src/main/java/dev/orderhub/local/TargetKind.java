package dev.orderhub.local;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The targets a stack can run against, as -Dorderhub.target names them; the stand-ins unless told otherwise. */
public enum TargetKind {
    STANDINS, LOCALSTACK, AWS;

    public static final String PROPERTY = "orderhub.target";

    /** The named target; blank or absent is the stand-ins, anything else not listed is refused with the choices. */
    public static TargetKind parse(String value) {
        if (value == null || value.isBlank()) {
            return STANDINS;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (TargetKind k : values()) {
            if (k.id().equals(v)) {
                return k;
            }
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + " is not a target; choose one of "
                + Arrays.stream(values()).map(TargetKind::id).collect(Collectors.joining(", ")));
    }

    /** The target -Dorderhub.target selects. */
    public static TargetKind selected() {
        return parse(System.getProperty(PROPERTY));
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

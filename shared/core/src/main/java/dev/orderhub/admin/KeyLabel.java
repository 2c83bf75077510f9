package dev.orderhub.admin;

import java.util.Optional;

/**
 * The name of the person a key is issued to, as the seller typed it: text shown in audit views, never markup and
 * never a name of anything. One line of at most {@value #MAX_LENGTH} characters with no control or format
 * characters (no line breaks, tabs, bidi overrides or zero-width characters), so that it reads the same wherever
 * it is shown.
 */
public final class KeyLabel {
    public static final int MAX_LENGTH = 80;

    private KeyLabel() {}

    /** The label trimmed, or the reason it is refused. */
    public static Optional<String> problem(String label) {
        if (label == null || label.isBlank()) {
            return Optional.of("label must not be empty");
        }
        String trimmed = label.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
            return Optional.of("label must be at most " + MAX_LENGTH + " characters");
        }
        boolean plain = trimmed.codePoints().allMatch(c -> switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED -> false;
            default -> true;
        });
        return plain ? Optional.empty() : Optional.of("label must be one line of plain text (no control characters)");
    }
}

package dev.orderhub.mail;

/**
 * Text that goes into a header (a subject, a display name) is one line: a line break would end
 * the header and let what follows it be read as another one ({@code Bcc: ...}).
 */
public final class HeaderText {
    private HeaderText() {}

    /**
     * {@code text} on one line: every line break, tab and other separator becomes a space, every
     * other control character is removed, runs of spaces become one, and the ends are trimmed.
     */
    public static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085') {
                space = true;
            } else if (!Character.isISOControl(c)) {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether {@code text} has a line break or another control character (what a form field should not). */
    public static boolean hasControl(String text) {
        return text != null && text.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
    }
}

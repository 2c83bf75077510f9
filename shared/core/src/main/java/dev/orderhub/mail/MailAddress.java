package dev.orderhub.mail;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One mailbox address, {@code local@domain}, in the plain dot-atom form (RFC 5322 section 3.4.1)
 * that every address a buyer types has: no display name, no comment, no quoted local part, no
 * second address, no whitespace or control character. Anything else is not an address the hub
 * sends to or from, because it is what a header injection or an extra recipient looks like.
 */
public final class MailAddress {
    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern ADDR_SPEC = Pattern.compile(ATEXT + "(?:\\." + ATEXT + ")*@" + LABEL + "(?:\\." + LABEL + ")+");

    private MailAddress() {}

    /** Whether {@code s} is exactly one address (at most 254 characters, local part at most 64). */
    public static boolean isOne(String s) {
        return s != null && s.length() <= 254 && ADDR_SPEC.matcher(s).matches() && s.indexOf('@') <= 64;
    }

    /** The form two addresses are compared in: mailbox providers treat them without case. */
    public static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}

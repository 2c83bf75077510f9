package dev.orderhub.mail;

import java.util.List;
import java.util.Set;

/**
 * The built-in template names and the locales, apart from {@link MailTemplates} so that reading a
 * stored workflow (the payment-events function does, to dispatch) never loads the template engine: the payment-events function's
 * jar does not carry mustache.java.
 */
public final class MailTemplateNames {
    public static final String DEFAULT_LOCALE = "en";
    public static final List<String> LOCALES = List.of("en", "ko");
    public static final Set<String> BUILT_IN = Set.of("thank_you", "staff_high_risk", "staff_review_needed", "staff_notice");

    private MailTemplateNames() {}
}

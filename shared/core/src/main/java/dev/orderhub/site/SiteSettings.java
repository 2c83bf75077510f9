package dev.orderhub.site;

import java.util.List;

/**
 * A site's own settings (not per provider). Stored as one item next to the site; a site that
 * never set them gets {@link #DEFAULTS}.
 *
 * @param allowedOrigins origins whose pages may create payment intents from the browser (CORS);
 *     {@code "*"} allows any page
 * @param autoMatch whether incoming orders are matched to intents automatically; off sends every
 *     order to manual review
 * @param intentTtlHours how long an open intent can still be matched
 * @param matchWindowHours how far before an order an intent may have been created to match it by
 *     e-mail + amount + currency
 * @param intentsPerMinute intents the whole site may create per minute
 * @param intentsPerMinutePerIp intents one client address may create per minute on this site;
 *     counted first, and never more than {@link #maxIntentsPerMinutePerIp} of the site's
 * @param replyFrom sender address of manual replies (falls back to the provider's auto-reply sender)
 * @param autoMatchByEmail whether one intent with the order's e-mail, amount and currency is matched
 *     without a person (off: it is only suggested for review). Off by default because intents are
 *     public: anyone can create one with a buyer's e-mail and capture that buyer's payment
 * @param usesIntents whether the site creates payment intents (wire form {@code intents: "used"}, the
 *     default). A seller who creates none (most Ko-fi, Buy Me a Coffee and Shopify sellers) says
 *     {@code "unused"}: the hub then looks for no intent for its orders, so its paid orders never wait
 *     in review for one (and no intent someone else created can be tied to them)
 */
public record SiteSettings(
        List<String> allowedOrigins,
        boolean autoMatch,
        int intentTtlHours,
        int matchWindowHours,
        int intentsPerMinute,
        int intentsPerMinutePerIp,
        String replyFrom,
        boolean autoMatchByEmail,
        boolean usesIntents) {

    public static final SiteSettings DEFAULTS = new SiteSettings(List.of("*"), true, 24, 48, 300, 5, null, false, true);

    /** Settings of a site that uses intents (as every site did before it could say otherwise). */
    public SiteSettings(List<String> allowedOrigins, boolean autoMatch, int intentTtlHours, int matchWindowHours,
            int intentsPerMinute, int intentsPerMinutePerIp, String replyFrom, boolean autoMatchByEmail) {
        this(allowedOrigins, autoMatch, intentTtlHours, matchWindowHours, intentsPerMinute, intentsPerMinutePerIp,
                replyFrom, autoMatchByEmail, true);
    }

    /**
     * Fewer client addresses than this, each at its own limit, never use up a site's intents of a
     * minute (unless the site allows fewer intents than this): the intents are anonymous, so a
     * handful of addresses must not be able to refuse the site's other buyers.
     */
    public static final int MIN_ADDRESSES_TO_USE_UP_A_SITE = 20;

    public SiteSettings {
        allowedOrigins = allowedOrigins == null ? List.of("*") : List.copyOf(allowedOrigins);
    }

    /** The highest per-address limit a site allowing {@code intentsPerMinute} may set: its 1/20th, at least 1. */
    public static int maxIntentsPerMinutePerIp(int intentsPerMinute) {
        return Math.max(1, intentsPerMinute / MIN_ADDRESSES_TO_USE_UP_A_SITE);
    }

    /** The per-address limit applied: settings stored before the cap existed are held to it too. */
    public int effectiveIntentsPerMinutePerIp() {
        return Math.min(intentsPerMinutePerIp, maxIntentsPerMinutePerIp(intentsPerMinute));
    }

    /** Whether a browser page served from {@code origin} may call the site's public endpoints. */
    public boolean allowsOrigin(String origin) {
        return allowedOrigins.contains("*") || (origin != null && allowedOrigins.contains(origin));
    }
}

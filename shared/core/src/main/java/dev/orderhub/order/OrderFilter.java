package dev.orderhub.order;

import java.util.Locale;

/**
 * Which of a site's orders an admin wants to see; every null criterion accepts all. Text
 * criteria ignore case, which DynamoDB's filter expressions cannot do, so the hub filters the
 * orders it reads itself (a FilterExpression would not read fewer items either).
 *
 * @param q text to find in the buyer's name or message
 * @param tag a tag the order carries ({@link Order#tags()})
 */
public record OrderFilter(String provider, OrderStatus status, Long amountMin, Long amountMax, String currency,
        String email, String q, String tag, Boolean test) {
    public static final OrderFilter ALL = new OrderFilter(null, null, null, null, null, null, null, null, null);

    public boolean isEmpty() {
        return equals(ALL);
    }

    public boolean matches(Order o) {
        if (provider != null && !provider.equals(o.provider())) {
            return false;
        }
        if (status != null && status != o.status()) {
            return false;
        }
        if (currency != null && (o.amount() == null || !currency.equals(o.amount().currency()))) {
            return false;
        }
        if (amountMin != null && (o.amount() == null || o.amount().minor() < amountMin)) {
            return false;
        }
        if (amountMax != null && (o.amount() == null || o.amount().minor() > amountMax)) {
            return false;
        }
        if (email != null && (o.buyerEmail() == null || !email.equalsIgnoreCase(o.buyerEmail()))) {
            return false;
        }
        if (q != null && !contains(o.buyerName(), q) && !contains(o.message(), q)) {
            return false;
        }
        if (tag != null && !o.tags().contains(tag)) {
            return false;
        }
        return test == null || test == o.test();
    }

    private static boolean contains(String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }
}

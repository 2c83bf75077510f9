package dev.orderhub.money;

import java.util.LinkedHashMap;
import java.util.Map;

/** The one JSON shape of an amount in the hub's answers: {@code {"minor":500,"currency":"USD","decimal":"5.00"}}. */
public final class MoneyJson {
    private MoneyJson() {}

    /** The amount's JSON object, or null for null (written as JSON null, or left out where nulls are). */
    public static Map<String, Object> of(Money m) {
        if (m == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("minor", m.minor());
        out.put("currency", m.currency());
        out.put("decimal", m.toDecimalString());
        return out;
    }
}

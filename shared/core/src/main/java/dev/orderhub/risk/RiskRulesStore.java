package dev.orderhub.risk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.money.Money;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A site's {@link RiskRules}, kept as JSON in the admin API's shape:
 * <pre>{"amountThresholds": {"USD": "500.00"}, "firstOrderThresholds": {"KRW": "300000"},
 *  "velocityCount": 3, "velocityWindowHours": 24, "countryMismatch": true}</pre>
 * which {@link #parse} reads and {@link #toJson} writes.
 */
public interface RiskRulesStore {
    /** The fields the rules' JSON may have. */
    Set<String> FIELDS = Set.of("amountThresholds", "firstOrderThresholds", "velocityCount",
            "velocityWindowHours", "countryMismatch");

    RiskRules find(String clientId);

    void put(String clientId, RiskRules rules);

    /** Reads rules in the admin API's shape; throws {@link InvalidRiskRules} naming the field at fault. */
    static RiskRules parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRiskRules(null, "risk rules must be a JSON object");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new InvalidRiskRules(f, "unknown field; known: " + FIELDS.stream().sorted().toList());
            }
        }
        RiskRules d = RiskRules.DEFAULTS;
        // The ranges are RiskRules' own; checked here too so that the answer names the field.
        return new RiskRules(amounts(body, "amountThresholds"), amounts(body, "firstOrderThresholds"),
                integer(body, "velocityCount", 2, 1000, d.velocityCount()),
                integer(body, "velocityWindowHours", 1, 24 * 30, d.velocityWindowHours()),
                body.has("countryMismatch") ? bool(body, "countryMismatch") : d.countryMismatch());
    }

    static ObjectNode toJson(RiskRules r) {
        ObjectNode o = Json.object();
        ObjectNode amounts = o.putObject("amountThresholds");
        r.amountThresholds().forEach((c, m) -> amounts.put(c, m.toDecimalString()));
        ObjectNode first = o.putObject("firstOrderThresholds");
        r.firstOrderThresholds().forEach((c, m) -> first.put(c, m.toDecimalString()));
        o.put("velocityCount", r.velocityCount());
        o.put("velocityWindowHours", r.velocityWindowHours());
        o.put("countryMismatch", r.countryMismatch());
        return o;
    }

    private static Map<String, Money> amounts(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidRiskRules(field, "must be an object of currency to amount, e.g. {\"USD\": \"500.00\"}");
        }
        Map<String, Money> out = new HashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual() && !e.getValue().isNumber()) {
                throw new InvalidRiskRules(field + "." + e.getKey(), "must be a decimal amount");
            }
            try {
                Money m = Money.parse(e.getValue().asText(), e.getKey());
                if (m.minor() < 0) {
                    throw new IllegalArgumentException("must not be negative");
                }
                out.put(m.currency(), m);
            } catch (IllegalArgumentException bad) {
                throw new InvalidRiskRules(field + "." + e.getKey(), bad.getMessage());
            }
        });
        return out;
    }

    private static int integer(JsonNode body, String field, int min, int max, int fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            throw new InvalidRiskRules(field, "must be a whole number from " + min + " to " + max);
        }
        return v.intValue();
    }

    private static boolean bool(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (!v.isBoolean()) {
            throw new InvalidRiskRules(field, "must be true or false");
        }
        return v.booleanValue();
    }
}

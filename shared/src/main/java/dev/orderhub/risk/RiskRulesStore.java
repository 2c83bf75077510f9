package dev.orderhub.risk;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.db.Attrs;
import dev.orderhub.db.Keys;
import dev.orderhub.json.Json;
import dev.orderhub.money.Money;
import dev.orderhub.site.DynamoSiteRepository;
import dev.orderhub.site.SiteCache;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * A site's {@link RiskRules}: one item next to the site ({@code pk = SITE#<clientId>,
 * sk = #RISKRULES}) holding the rules as JSON in the admin API's shape:
 * <pre>{"amountThresholds": {"USD": "500.00"}, "firstOrderThresholds": {"KRW": "300000"},
 *  "velocityCount": 3, "velocityWindowHours": 24, "countryMismatch": true}</pre>
 */
public final class RiskRulesStore {
    private static final String SK = Keys.RISK_RULES_SK;
    private static final Set<String> FIELDS = Set.of("amountThresholds", "firstOrderThresholds", "velocityCount",
            "velocityWindowHours", "countryMismatch");
    private final DynamoDbClient db;
    private final String table;
    private final SiteCache cache;

    /** Reads every time: what the admin API uses. */
    public RiskRulesStore(DynamoDbClient db, String table) {
        this(db, table, new SiteCache(java.time.Duration.ZERO));
    }

    /** {@link #find} answers through {@code cache}: what the matcher uses for every analysis (see {@link SiteCache}). */
    public RiskRulesStore(DynamoDbClient db, String table, SiteCache cache) {
        this.db = db;
        this.table = table;
        this.cache = cache;
    }

    public RiskRules find(String clientId) {
        return cache.get(DynamoSiteRepository.sitePk(clientId) + SK, () -> read(clientId), rules -> true);
    }

    private RiskRules read(String clientId) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(DynamoSiteRepository.sitePk(clientId), SK)).build()).item();
        return item == null || item.isEmpty() ? RiskRules.DEFAULTS : parse(Json.parse(Attrs.str(item, "rules")));
    }

    public void put(String clientId, RiskRules rules) {
        cache.forget(DynamoSiteRepository.sitePk(clientId) + SK);
        Map<String, AttributeValue> item = new HashMap<>(key(DynamoSiteRepository.sitePk(clientId), SK));
        item.put("type", s("riskRules"));
        item.put("rules", s(toJson(rules).toString()));
        db.putItem(PutItemRequest.builder().tableName(table).item(item).build());
    }

    /** Reads rules in the admin API's shape; throws {@link InvalidRiskRules} naming the field at fault. */
    public static RiskRules parse(JsonNode body) {
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

    public static ObjectNode toJson(RiskRules r) {
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

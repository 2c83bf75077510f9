package dev.orderhub.risk;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Keys;
import dev.orderhub.json.Json;
import dev.orderhub.site.DynamoSiteRepository;
import dev.orderhub.site.SiteCache;
import java.util.HashMap;
import java.util.Map;
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
public final class DynamoRiskRulesStore implements RiskRulesStore {
    private static final String SK = Keys.RISK_RULES_SK;
    private final DynamoDbClient db;
    private final String table;
    private final SiteCache cache;

    /** Reads every time: what the admin API uses. */
    public DynamoRiskRulesStore(DynamoDbClient db, String table) {
        this(db, table, new SiteCache(java.time.Duration.ZERO));
    }

    /** {@link #find} answers through {@code cache}: what the payment-events function uses for every analysis (see {@link SiteCache}). */
    public DynamoRiskRulesStore(DynamoDbClient db, String table, SiteCache cache) {
        this.db = db;
        this.table = table;
        this.cache = cache;
    }

    @Override
    public RiskRules find(String clientId) {
        return cache.get(DynamoSiteRepository.sitePk(clientId) + SK, () -> read(clientId), rules -> true);
    }

    private RiskRules read(String clientId) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(DynamoSiteRepository.sitePk(clientId), SK)).build()).item();
        return item == null || item.isEmpty() ? RiskRules.DEFAULTS : RiskRulesStore.parse(Json.parse(Attrs.str(item, "rules")));
    }

    @Override
    public void put(String clientId, RiskRules rules) {
        cache.forget(DynamoSiteRepository.sitePk(clientId) + SK);
        Map<String, AttributeValue> item = new HashMap<>(key(DynamoSiteRepository.sitePk(clientId), SK));
        item.put("type", s("riskRules"));
        item.put("rules", s(RiskRulesStore.toJson(rules).toString()));
        db.putItem(PutItemRequest.builder().tableName(table).item(item).build());
    }
}

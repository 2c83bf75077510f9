package dev.orderhub.site;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Ids;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Sites, their settings and their provider configs. A site, its settings and its configs share
 * one partition ({@code pk = SITE#<clientId>}; {@code sk = #SITE}, {@code #SETTINGS} or
 * {@code PROVIDER#<name>}), so a callback reads everything it needs in one Query.
 */
public final class SiteRepository {
    private static final String SITE_SK = "#SITE";
    private static final String SETTINGS_SK = "#SETTINGS";
    private final DynamoDbClient db;
    private final String table;

    public SiteRepository(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    public static String sitePk(String clientId) {
        return "SITE#" + clientId;
    }

    public Site create(String name) {
        return create("site_" + Ids.random(16), name);
    }

    /** With a chosen client id: local mode's demo site keeps the same one across restarts. Fails if it exists. */
    public Site create(String clientId, String name) {
        Site site = new Site(clientId, name, "active", Instant.now().toString());
        Map<String, AttributeValue> item = new HashMap<>(key(sitePk(site.clientId()), SITE_SK));
        item.put("type", s("site"));
        item.put("clientId", s(site.clientId()));
        item.put("name", s(site.name()));
        item.put("status", s(site.status()));
        item.put("createdAt", s(site.createdAt()));
        db.putItem(PutItemRequest.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build());
        return site;
    }

    /** Everything a callback needs: the site and, if configured, its config for this provider. */
    public Optional<SiteWithConfig> findForCallback(String clientId, String provider) {
        Site site = null;
        ProviderConfig config = null;
        for (Map<String, AttributeValue> item : queryPartition(clientId)) {
            String sk = Attrs.str(item, "sk");
            if (SITE_SK.equals(sk)) {
                site = toSite(item);
            } else if (("PROVIDER#" + provider).equals(sk)) {
                config = toConfig(item);
            }
        }
        return site == null ? Optional.empty() : Optional.of(new SiteWithConfig(site, config));
    }

    public Optional<Site> find(String clientId) {
        return findForCallback(clientId, "").map(SiteWithConfig::site);
    }

    public Optional<ProviderConfig> findConfig(String clientId, String provider) {
        return findForCallback(clientId, provider).map(SiteWithConfig::config);
    }

    /** The site's settings, the defaults if it never set any; empty when the site does not exist. */
    public Optional<SiteSettings> findSettings(String clientId) {
        Site site = null;
        SiteSettings settings = SiteSettings.DEFAULTS;
        for (Map<String, AttributeValue> item : queryPartition(clientId)) {
            String sk = Attrs.str(item, "sk");
            if (SITE_SK.equals(sk)) {
                site = toSite(item);
            } else if (SETTINGS_SK.equals(sk)) {
                settings = toSettings(item);
            }
        }
        return site == null || !site.active() ? Optional.empty() : Optional.of(settings);
    }

    public void putSettings(String clientId, SiteSettings s) {
        Map<String, AttributeValue> item = new HashMap<>(key(sitePk(clientId), SETTINGS_SK));
        item.put("type", s("siteSettings"));
        item.put("allowedOrigins", Attrs.list(s.allowedOrigins()));
        item.put("autoMatch", Attrs.bool(s.autoMatch()));
        item.put("intentTtlHours", Attrs.n(s.intentTtlHours()));
        item.put("matchWindowHours", Attrs.n(s.matchWindowHours()));
        item.put("intentsPerMinute", Attrs.n(s.intentsPerMinute()));
        item.put("intentsPerMinutePerIp", Attrs.n(s.intentsPerMinutePerIp()));
        Attrs.putIfPresent(item, "replyFrom", s.replyFrom());
        db.putItem(PutItemRequest.builder().tableName(table).item(item).build());
    }

    private static SiteSettings toSettings(Map<String, AttributeValue> i) {
        SiteSettings d = SiteSettings.DEFAULTS;
        return new SiteSettings(i.containsKey("allowedOrigins") ? Attrs.strList(i, "allowedOrigins") : d.allowedOrigins(),
                i.containsKey("autoMatch") ? Attrs.bool(i, "autoMatch") : d.autoMatch(),
                (int) Attrs.num(i, "intentTtlHours", d.intentTtlHours()),
                (int) Attrs.num(i, "matchWindowHours", d.matchWindowHours()),
                (int) Attrs.num(i, "intentsPerMinute", d.intentsPerMinute()),
                (int) Attrs.num(i, "intentsPerMinutePerIp", d.intentsPerMinutePerIp()),
                Attrs.str(i, "replyFrom"));
    }

    public void putConfig(String clientId, ProviderConfig config) {
        Map<String, AttributeValue> item = new HashMap<>(key(sitePk(clientId), "PROVIDER#" + config.provider()));
        item.put("type", s("providerConfig"));
        item.put("provider", s(config.provider()));
        item.put("secrets", Attrs.map(config.secrets()));
        item.put("secretsSetAt", Attrs.map(config.secretsSetAt()));
        item.put("settings", Attrs.map(config.settings()));
        AutoReply r = config.autoReply();
        Map<String, AttributeValue> reply = new HashMap<>();
        reply.put("enabled", Attrs.bool(r.enabled()));
        if (r.from() != null) reply.put("from", s(r.from()));
        if (r.subject() != null) reply.put("subject", s(r.subject()));
        if (r.body() != null) reply.put("body", s(r.body()));
        item.put("autoReply", AttributeValue.fromM(reply));
        db.putItem(PutItemRequest.builder().tableName(table).item(item).build());
    }

    private List<Map<String, AttributeValue>> queryPartition(String clientId) {
        return db.query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(sitePk(clientId))))
                .consistentRead(true)
                .build()).items();
    }

    private static Site toSite(Map<String, AttributeValue> item) {
        return new Site(Attrs.str(item, "clientId"), Attrs.str(item, "name"), Attrs.str(item, "status"),
                Attrs.str(item, "createdAt"));
    }

    private static ProviderConfig toConfig(Map<String, AttributeValue> item) {
        AutoReply reply = AutoReply.OFF;
        AttributeValue r = item.get("autoReply");
        if (r != null && r.hasM()) {
            Map<String, AttributeValue> m = r.m();
            reply = new AutoReply(Attrs.bool(m, "enabled"), Attrs.str(m, "from"), Attrs.str(m, "subject"),
                    Attrs.str(m, "body"));
        }
        return new ProviderConfig(Attrs.str(item, "provider"), Attrs.strMap(item, "secrets"),
                Attrs.strMap(item, "secretsSetAt"), Attrs.strMap(item, "settings"), reply);
    }

    public record SiteWithConfig(Site site, ProviderConfig config) {}
}

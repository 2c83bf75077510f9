package dev.orderhub.site;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Ids;
import dev.orderhub.db.Keys;
import dev.orderhub.log.JsonLog;
import dev.orderhub.sealing.SealContext;
import dev.orderhub.sealing.SealedSecretUnreadable;
import dev.orderhub.sealing.Sealer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The DynamoDB {@link SiteRepository}: sites, their settings and their provider configs. A site, its settings and its configs share
 * one partition ({@code pk = SITE#<clientId>}; {@code sk = #SITE}, {@code #SETTINGS} or
 * {@code PROVIDER#<name>}), so a callback reads everything it needs in one Query. Sites that
 * are not deleted are also in index {@code gsi1} under {@code gsi1pk = SITES} (oldest first by
 * {@code gsi1sk = <createdAt>#<clientId>}), so the operator lists them without a Scan; deletion
 * removes that key.
 */
public final class DynamoSiteRepository implements SiteRepository {
    private static final String SITE_SK = Keys.SITE_SK;
    private static final String SETTINGS_SK = Keys.SETTINGS_SK;
    private static final String ALL_SITES = Keys.ALL_SITES;
    private static final JsonLog LOG = JsonLog.get(DynamoSiteRepository.class);
    /** Provider secrets, sealed ({@link Sealer}); {@code secrets} held them in plain text before. */
    private static final String SEALED_SECRETS = "sealedSecrets";
    private static final String PLAIN_SECRETS = "secrets";
    private final DynamoDbClient db;
    private final String table;
    private final SiteCache cache;
    private final Sealer sealer;

    /** Reads every time: what the admin API uses, so that it reads its own writes. */
    public DynamoSiteRepository(DynamoDbClient db, String table, Sealer sealer) {
        this(db, table, new SiteCache(java.time.Duration.ZERO), sealer);
    }

    /**
     * Reads the site partition through {@code cache} (see {@link SiteCache} for what may be stale, and
     * how long); seals provider secrets with {@code sealer} when storing them, opens them with it when asked.
     */
    public DynamoSiteRepository(DynamoDbClient db, String table, SiteCache cache, Sealer sealer) {
        this.db = db;
        this.table = table;
        this.cache = cache;
        this.sealer = sealer;
    }

    /** Whether reads may come from memory: a refusal based on them should {@link #readAgainBeforeRefusing} first. */
    public boolean cached() {
        return cache.enabled();
    }

    @Override
    public boolean readAgainBeforeRefusing(String clientId) {
        return cache.forgetIfOlderThanASecond(sitePk(clientId));
    }

    @Override
    public void forget(String clientId) {
        cache.forget(sitePk(clientId));
    }

    public static String sitePk(String clientId) {
        return Keys.site(clientId);
    }

    @Override
    public Site create(String name) {
        return create("site_" + Ids.random(16), name);
    }

    @Override
    public Site create(String clientId, String name) {
        Site site = new Site(clientId, name, Site.ACTIVE, Instant.now().toString());
        Map<String, AttributeValue> item = new HashMap<>(key(sitePk(site.clientId()), SITE_SK));
        item.put("type", s("site"));
        item.put("clientId", s(site.clientId()));
        item.put("name", s(site.name()));
        item.put("status", s(site.status()));
        item.put("createdAt", s(site.createdAt()));
        item.put("gsi1pk", s(ALL_SITES));
        item.put("gsi1sk", s(Keys.siteListed(site.createdAt(), site.clientId())));
        db.putItem(PutItemRequest.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build());
        return site;
    }

    @Override
    public Optional<SiteWithConfig> findForCallback(String clientId, String provider) {
        Site site = null;
        ProviderConfig config = null;
        for (Map<String, AttributeValue> item : queryPartition(clientId)) {
            String sk = Attrs.str(item, "sk");
            if (SITE_SK.equals(sk)) {
                site = toSite(item);
            } else if (Keys.provider(provider).equals(sk)) {
                config = toConfig(clientId, item);
            }
        }
        return site == null ? Optional.empty() : Optional.of(new SiteWithConfig(site, config));
    }

    @Override
    public Optional<Site> find(String clientId) {
        return findForCallback(clientId, "").map(SiteWithConfig::site);
    }

    @Override
    public Optional<ProviderConfig> findConfig(String clientId, String provider) {
        return findForCallback(clientId, provider).map(SiteWithConfig::config);
    }

    @Override
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

    @Override
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
        item.put("autoMatchByEmail", Attrs.bool(s.autoMatchByEmail()));
        item.put("intents", s(s.usesIntents() ? "used" : "unused"));
        db.putItem(PutItemRequest.builder().tableName(table).item(item).build());
        forget(clientId);
    }

    private static SiteSettings toSettings(Map<String, AttributeValue> i) {
        SiteSettings d = SiteSettings.DEFAULTS;
        return new SiteSettings(i.containsKey("allowedOrigins") ? Attrs.strList(i, "allowedOrigins") : d.allowedOrigins(),
                i.containsKey("autoMatch") ? Attrs.bool(i, "autoMatch") : d.autoMatch(),
                (int) Attrs.num(i, "intentTtlHours", d.intentTtlHours()),
                (int) Attrs.num(i, "matchWindowHours", d.matchWindowHours()),
                (int) Attrs.num(i, "intentsPerMinute", d.intentsPerMinute()),
                (int) Attrs.num(i, "intentsPerMinutePerIp", d.intentsPerMinutePerIp()),
                Attrs.str(i, "replyFrom"), Attrs.bool(i, "autoMatchByEmail"), !"unused".equals(Attrs.str(i, "intents")));
    }

    @Override
    public void putConfig(String clientId, ProviderConfig config) {
        db.putItem(PutItemRequest.builder().tableName(table).item(configItem(clientId, config)).build());
        forget(clientId);
    }

    private Map<String, AttributeValue> configItem(String clientId, ProviderConfig config) {
        Map<String, AttributeValue> item = new HashMap<>(key(sitePk(clientId), Keys.provider(config.provider())));
        item.put("type", s("providerConfig"));
        item.put("provider", s(config.provider()));
        Map<String, String> sealed = new HashMap<>();
        Map<String, String> setAt = new HashMap<>();
        Map<String, String> expireAt = new HashMap<>();
        config.secrets().entries().forEach((name, e) -> {
            sealed.put(name, e.sealed() ? e.value() : sealer.seal(e.value(), new SealContext(clientId, config.provider(), name)));
            if (e.setAt() != null) {
                setAt.put(name, e.setAt());
            }
            if (e.expiresAt() != null) {
                expireAt.put(name, e.expiresAt());
            }
        });
        item.put(SEALED_SECRETS, Attrs.map(sealed));
        item.put("secretsSetAt", Attrs.map(setAt));
        item.put("secretsExpireAt", Attrs.map(expireAt));
        item.put("settings", Attrs.map(config.settings()));
        AutoReply r = config.autoReply();
        Map<String, AttributeValue> reply = new HashMap<>();
        reply.put("enabled", Attrs.bool(r.enabled()));
        if (r.from() != null) reply.put("from", s(r.from()));
        if (r.subject() != null) reply.put("subject", s(r.subject()));
        if (r.body() != null) reply.put("body", s(r.body()));
        item.put("autoReply", AttributeValue.fromM(reply));
        return item;
    }

    /**
     * Seals the provider secrets of this site that are still stored in plain text (written before
     * secrets were sealed); a previous (rotated-out) secret without an expiry gets
     * {@code previousExpiresAt}. Each config is rewritten only if it still holds plain secrets, so
     * an admin change made meanwhile is never overwritten. Returns how many configs were sealed.
     */
    public int sealPlainSecrets(String clientId, java.util.function.Function<String, Set<String>> previousSecretNames,
            Instant previousExpiresAt) {
        int sealed = 0;
        for (Map<String, AttributeValue> item : readPartition(clientId)) {
            String sk = Attrs.str(item, "sk");
            if (sk == null || !sk.startsWith(Keys.providerPrefix()) || !item.containsKey(PLAIN_SECRETS)) {
                continue;
            }
            ProviderConfig config = toConfig(clientId, item);
            ConfigSecrets secrets = config.secrets();
            for (String name : previousSecretNames.apply(config.provider())) {
                ConfigSecrets.Entry e = secrets.entries().get(name);
                if (e != null && e.expiresAt() == null) {
                    secrets = secrets.with(name, new ConfigSecrets.Entry(e.value(), e.sealed(), e.setAt(), previousExpiresAt.toString()));
                }
            }
            try {
                db.putItem(PutItemRequest.builder().tableName(table)
                        .item(configItem(clientId, new ProviderConfig(config.provider(), secrets, config.settings(), config.autoReply())))
                        .conditionExpression("attribute_exists(#plain)")
                        .expressionAttributeNames(Map.of("#plain", PLAIN_SECRETS))
                        .build());
                sealed++;
            } catch (ConditionalCheckFailedException changedMeanwhile) {
                // an admin stored this config since it was read: it is sealed already
            }
        }
        forget(clientId);
        return sealed;
    }

    private List<Map<String, AttributeValue>> queryPartition(String clientId) {
        return cache.get(sitePk(clientId), () -> List.copyOf(readPartition(clientId)),
                items -> items.stream().anyMatch(i -> SITE_SK.equals(Attrs.str(i, "sk"))));
    }

    private List<Map<String, AttributeValue>> readPartition(String clientId) {
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

    private ProviderConfig toConfig(String clientId, Map<String, AttributeValue> item) {
        AutoReply reply = AutoReply.OFF;
        AttributeValue r = item.get("autoReply");
        if (r != null && r.hasM()) {
            Map<String, AttributeValue> m = r.m();
            reply = new AutoReply(Attrs.bool(m, "enabled"), Attrs.str(m, "from"), Attrs.str(m, "subject"),
                    Attrs.str(m, "body"));
        }
        String provider = Attrs.str(item, "provider");
        Map<String, String> setAt = Attrs.strMap(item, "secretsSetAt");
        Map<String, String> expireAt = Attrs.strMap(item, "secretsExpireAt");
        Map<String, ConfigSecrets.Entry> entries = new HashMap<>();
        Attrs.strMap(item, PLAIN_SECRETS).forEach((name, v) ->
                entries.put(name, ConfigSecrets.Entry.plain(v, setAt.get(name), expireAt.get(name))));
        Attrs.strMap(item, SEALED_SECRETS).forEach((name, v) ->
                entries.put(name, new ConfigSecrets.Entry(v, true, setAt.get(name), expireAt.get(name))));
        ConfigSecrets secrets = ConfigSecrets.stored(entries, (name, sealed) -> open(clientId, provider, name, sealed));
        return new ProviderConfig(provider, secrets, Attrs.strMap(item, "settings"), reply);
    }

    /** Null when the secret cannot be opened here, which is logged (never the value): a verifier then refuses. */
    private String open(String clientId, String provider, String name, String sealed) {
        try {
            return sealer.open(sealed, new SealContext(clientId, provider, name));
        } catch (SealedSecretUnreadable e) {
            LOG.warn("sealed secret could not be opened", "clientId", clientId, "provider", provider, "secret", name,
                    "reason", e.getMessage());
            return null;
        }
    }

    @Override
    public Optional<Site> update(String clientId, String name, String status) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":deleted", s(Site.DELETED));
        StringBuilder set = new StringBuilder();
        Map<String, String> names = new HashMap<>();
        if (name != null) {
            set.append("#n = :name");
            names.put("#n", "name");
            values.put(":name", s(name));
        }
        if (status != null) {
            set.append(set.length() > 0 ? ", " : "").append("#s = :status");
            names.put("#s", "status");
            values.put(":status", s(status));
        }
        names.put("#st", "status");
        UpdateItemRequest.Builder u = UpdateItemRequest.builder().tableName(table).key(key(sitePk(clientId), SITE_SK))
                .conditionExpression("attribute_exists(pk) AND #st <> :deleted")
                .expressionAttributeNames(names).expressionAttributeValues(values)
                .updateExpression("SET " + set)
                .returnValues(ReturnValue.ALL_NEW);
        try {
            forget(clientId);
            return Optional.of(toSite(db.updateItem(u.build()).attributes()));
        } catch (ConditionalCheckFailedException gone) {
            return Optional.empty();
        }
    }

    @Override
    public boolean offerDeletion(String clientId, String token, Instant expiresAt) {
        try {
            db.updateItem(UpdateItemRequest.builder().tableName(table).key(key(sitePk(clientId), SITE_SK))
                    .updateExpression("SET deleteToken = :t, deleteTokenExpires = :e")
                    .conditionExpression("attribute_exists(pk) AND #st <> :deleted")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":t", s(token), ":e", s(expiresAt.toString()), ":deleted", s(Site.DELETED)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
    }

    /** {@inheritDoc} Deletion also removes the site from the listing index ({@code gsi1}). */
    @Override
    public boolean delete(String clientId, String token, Instant now) {
        try {
            forget(clientId);
            db.updateItem(UpdateItemRequest.builder().tableName(table).key(key(sitePk(clientId), SITE_SK))
                    .updateExpression("SET #st = :deleted, deletedAt = :now REMOVE deleteToken, deleteTokenExpires, gsi1pk, gsi1sk")
                    .conditionExpression("#st <> :deleted AND deleteToken = :t AND deleteTokenExpires > :now")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":t", s(token), ":now", s(now.toString()), ":deleted", s(Site.DELETED)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException wrongOrExpired) {
            return false;
        }
    }

    /** Every site that is not deleted, oldest first, for the deployment's operator. */
    public SitePage listAll(int limit, String cursor) {
        return listAll(limit, cursor == null ? null
                : dev.orderhub.db.Cursors.decode(cursor, java.util.Set.of("gsi1pk", "gsi1sk", "pk", "sk"), "gsi1pk", ALL_SITES, Keys.sitePrefix()));
    }

    /** As above, from the previous page's {@link SitePage#next()} (a key the hub itself read). */
    public SitePage listAll(int limit, Map<String, AttributeValue> start) {
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :p")
                .expressionAttributeValues(Map.of(":p", s(ALL_SITES)))
                .limit(limit);
        if (start != null) {
            q.exclusiveStartKey(start);
        }
        QueryResponse r = dev.orderhub.db.Cursors.query(db, q.build());
        List<Site> out = r.items().stream().map(DynamoSiteRepository::toSite).toList();
        return new SitePage(out, r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null);
    }

    /** A page of the site listing; {@code next} is the table key to go on from (null: the last page). */
    public record SitePage(List<Site> sites, Map<String, AttributeValue> next) {}
}

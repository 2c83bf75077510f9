package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.admin.AdminKeys;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.admin.AdminRole;
import dev.orderhub.db.Keys;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.mail.AutoReplyTemplates;
import dev.orderhub.mail.SiteSenders;
import dev.orderhub.provider.Provider;
import dev.orderhub.provider.Providers;
import dev.orderhub.site.AutoReply;
import dev.orderhub.site.ConfigSecrets;
import dev.orderhub.workflow.ThankYouWorkflow;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.site.Site;
import dev.orderhub.site.SiteRepository;
import dev.orderhub.site.SiteSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Sites, their settings and their per-provider configs. */
final class SiteRoutes {
    /** Settings are short strings, except lists such as Xsolla's allowedUsers (up to 1000 ids). */
    private static final int MAX_SETTING_CHARS = 60_000;

    private final SiteRepository sites;
    private final AdminKeys keys;
    private final ThankYouWorkflow thankYou;
    private final SiteSenders senders;
    private final Clock clock;

    SiteRoutes(SiteRepository sites, AdminKeys keys, ThankYouWorkflow thankYou, SiteSenders senders, Clock clock) {
        this.sites = sites;
        this.keys = keys;
        this.thankYou = thankYou;
        this.senders = senders;
        this.clock = clock;
    }

    /**
     * POST /admin/sites: the deployment operator creates a site and gets its first owner key. The
     * site starts with the default thank-you workflow, which sends nothing until a provider's
     * auto-reply is switched on.
     */
    APIGatewayV2HTTPResponse create(AdminPrincipal who, HttpRequest request) {
        if (!who.deploymentOperator()) {
            throw ApiError.forbidden("only the deployment's operator key creates sites");
        }
        JsonNode body = AdminBodies.object(request);
        rejectUnknown(body, Set.of("name"));
        String name = AdminBodies.requiredString(body, "name", 100);
        Site site = sites.create(name);
        thankYou.install(site.clientId());
        AdminKeys.IssuedKey key = keys.issue(Set.of(site.clientId()), AdminRole.OWNER, who.keyId());
        Map<String, Object> out = new LinkedHashMap<>(siteView(site));
        out.put("key", KeyRoutes.issuedView(key, AdminRole.OWNER, Set.of(site.clientId())));
        // The same, under the names this answer had before the key object; kept for existing scripts (deprecated).
        out.put("adminKey", key.plaintext());
        out.put("adminKeyId", key.keyId());
        out.put("adminKeyRole", AdminRole.OWNER.wire());
        out.put("note", "the admin key is shown only once; store it now");
        return HttpResponses.json(201, out);
    }

    /** The body field that sets how long a previous (rotated-out) secret is still accepted. */
    static final String PREVIOUS_SECRET_HOURS = "previousSecretExpiresInHours";
    /** A day by default, at most seven: the choices Stripe's own "roll secret" offers. */
    static final int DEFAULT_PREVIOUS_SECRET_HOURS = 24;
    static final int MAX_PREVIOUS_SECRET_HOURS = 7 * 24;

    /**
     * PUT /admin/sites/{clientId}/providers/{provider}: set secrets (write-only; a string sets one,
     * null removes one, an omitted one is kept), the provider's plain settings (a null value removes
     * one) and the auto-reply. A previous secret is accepted until it expires:
     * {@code previousSecretExpiresInHours} after it is set (1 to 168, default 24); given alone, it
     * moves the expiry of the stored previous secret. Secrets are sealed before they are stored,
     * and this function can seal but not open them: secrets are merged as stored.
     */
    APIGatewayV2HTTPResponse putProvider(AdminPrincipal who, HttpRequest request) {
        String clientId = configurableSite(sites, who, request, "only an owner key changes provider configs");
        Provider provider = Providers.REGISTRY.find(request.pathParameter("provider")).orElseThrow(ApiError::notFound);
        JsonNode body = AdminBodies.object(request);
        Set<String> allowed = new java.util.HashSet<>(provider.secretNames());
        allowed.addAll(provider.settingNames());
        allowed.add("autoReply");
        if (!provider.previousSecretNames().isEmpty()) {
            allowed.add(PREVIOUS_SECRET_HOURS);
        }
        rejectUnknown(body, allowed);

        ProviderConfig old = sites.findConfig(clientId, provider.id()).orElse(null);
        Instant now = clock.instant();
        ConfigSecrets secrets = withoutExpired(old == null ? ConfigSecrets.NONE : old.secrets(), now);
        Integer hours = previousSecretHours(body);
        for (String name : provider.secretNames()) {
            JsonNode v = body.get(name);
            if (v == null) {
                continue;
            }
            if (v.isNull()) {
                secrets = secrets.with(name, null);
                continue;
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                throw ApiError.invalid(name, name + " must be a non-empty string, or null to remove it");
            }
            String value = AdminBodies.string(body, name, 500);
            boolean previous = provider.previousSecretNames().contains(name);
            String expiresAt = previous ? now.plus(Duration.ofHours(hours == null ? DEFAULT_PREVIOUS_SECRET_HOURS : hours)).toString() : null;
            secrets = secrets.with(name, ConfigSecrets.Entry.plain(value, now.toString(), expiresAt));
        }
        if (hours != null) {
            for (String name : provider.previousSecretNames()) {
                if (body.has(name)) {
                    continue;
                }
                ConfigSecrets.Entry e = secrets.entry(name).orElseThrow(() -> ApiError.invalid(PREVIOUS_SECRET_HOURS,
                        PREVIOUS_SECRET_HOURS + " needs a previous secret (" + name + ") to expire"));
                secrets = secrets.with(name, new ConfigSecrets.Entry(e.value(), e.sealed(), e.setAt(),
                        now.plus(Duration.ofHours(hours)).toString()));
            }
        }
        AutoReply autoReply = old == null ? AutoReply.OFF : old.autoReply();
        if (body.has("autoReply")) {
            autoReply = autoReply(body.get("autoReply"));
            refuseSender(clientId, "autoReply.from", autoReply.from());
        }
        Map<String, String> settings = settings(provider, body, old == null ? Map.of() : old.settings());
        ProviderConfig config = new ProviderConfig(provider.id(), secrets, settings, autoReply);
        sites.putConfig(clientId, config);
        return HttpResponses.json(200, configView(clientId, provider, config, now));
    }

    /** The body's previousSecretExpiresInHours, null when absent. */
    private static Integer previousSecretHours(JsonNode body) {
        JsonNode v = body.get(PREVIOUS_SECRET_HOURS);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > MAX_PREVIOUS_SECRET_HOURS) {
            throw ApiError.invalid(PREVIOUS_SECRET_HOURS, PREVIOUS_SECRET_HOURS + " must be a whole number of hours from 1 to "
                    + MAX_PREVIOUS_SECRET_HOURS + " (7 days); remove a previous secret at once with null");
        }
        return v.asInt();
    }

    /** Previous secrets past their expiry are dropped whenever the config is stored. */
    private static ConfigSecrets withoutExpired(ConfigSecrets secrets, Instant now) {
        ConfigSecrets out = secrets;
        for (var e : secrets.entries().entrySet()) {
            if (e.getValue().expired(now)) {
                out = out.with(e.getKey(), null);
            }
        }
        return out;
    }

    /** GET /admin/sites/{clientId}/providers/{provider}: the config without secret values. */
    APIGatewayV2HTTPResponse getProvider(AdminPrincipal who, HttpRequest request) {
        String clientId = visibleSite(who, request);
        Provider provider = Providers.REGISTRY.find(request.pathParameter("provider")).orElseThrow(ApiError::notFound);
        ProviderConfig config = sites.findConfig(clientId, provider.id()).orElseThrow(ApiError::notFound);
        return HttpResponses.json(200, configView(clientId, provider, config, clock.instant()));
    }

    /** GET /admin/sites/{clientId}/settings. */
    APIGatewayV2HTTPResponse getSettings(AdminPrincipal who, HttpRequest request) {
        String clientId = visibleSite(who, request);
        return HttpResponses.json(200, settingsView(sites.findSettings(clientId).orElseThrow(ApiError::notFound)));
    }

    /** PUT /admin/sites/{clientId}/settings: the site's own settings; omitted fields keep their value. */
    APIGatewayV2HTTPResponse putSettings(AdminPrincipal who, HttpRequest request) {
        String clientId = configurableSite(sites, who, request, "only an owner key changes site settings");
        JsonNode body = AdminBodies.object(request);
        rejectUnknown(body, Set.of("allowedOrigins", "autoMatch", "intentTtlHours", "matchWindowHours",
                "intentsPerMinute", "intentsPerMinutePerIp", "replyFrom", "autoMatchByEmail", "intents"));
        SiteSettings old = sites.findSettings(clientId).orElseThrow(ApiError::notFound);
        java.util.List<String> origins = body.has("allowedOrigins") ? origins(body.get("allowedOrigins")) : old.allowedOrigins();
        boolean autoMatch = bool(body, "autoMatch", old.autoMatch());
        boolean autoMatchByEmail = bool(body, "autoMatchByEmail", old.autoMatchByEmail());
        String replyFrom = old.replyFrom();
        if (body.has("replyFrom")) {
            replyFrom = AdminBodies.email(body, "replyFrom");
            refuseSender(clientId, "replyFrom", replyFrom);
        }
        SiteSettings next = new SiteSettings(origins, autoMatch,
                AdminBodies.integer(body, "intentTtlHours", 1, 720, old.intentTtlHours()),
                AdminBodies.integer(body, "matchWindowHours", 1, 720, old.matchWindowHours()),
                AdminBodies.integer(body, "intentsPerMinute", 1, 10_000, old.intentsPerMinute()),
                AdminBodies.integer(body, "intentsPerMinutePerIp", 1, 1_000, old.intentsPerMinutePerIp()),
                replyFrom, autoMatchByEmail, intents(body, old.usesIntents()));
        if ((body.has("intentsPerMinute") || body.has("intentsPerMinutePerIp"))
                && next.intentsPerMinutePerIp() > SiteSettings.maxIntentsPerMinutePerIp(next.intentsPerMinute())) {
            throw ApiError.invalid("intentsPerMinutePerIp", "intentsPerMinutePerIp may be at most intentsPerMinute / "
                    + SiteSettings.MIN_ADDRESSES_TO_USE_UP_A_SITE + " (" + SiteSettings.maxIntentsPerMinutePerIp(next.intentsPerMinute())
                    + " for " + next.intentsPerMinute() + " a minute), so that fewer than "
                    + SiteSettings.MIN_ADDRESSES_TO_USE_UP_A_SITE + " addresses cannot use up the site's intents");
        }
        sites.putSettings(clientId, next);
        return HttpResponses.json(200, settingsView(next));
    }

    /** 400 when the site may not send from {@code address} (see {@link SiteSenders}). */
    private void refuseSender(String clientId, String field, String address) {
        String refusal = senders.refusal(senders.mail(clientId), address);
        if (refusal != null) {
            throw ApiError.invalid(field, refusal);
        }
    }

    /** "used" (the default) or "unused": whether the site creates payment intents for its orders to be matched to. */
    private static boolean intents(JsonNode body, boolean old) {
        if (!body.has("intents")) {
            return old;
        }
        String v = body.get("intents").isTextual() ? body.get("intents").asText() : "";
        if (!v.equals("used") && !v.equals("unused")) {
            throw ApiError.invalid("intents", "intents must be \"used\" or \"unused\" (the site creates no payment intents: "
                    + "its orders are not matched to any and never wait in review for one)");
        }
        return v.equals("used");
    }

    private static boolean bool(JsonNode body, String field, boolean old) {
        if (!body.has(field)) {
            return old;
        }
        if (!body.get(field).isBoolean()) {
            throw ApiError.invalid(field, field + " must be true or false");
        }
        return body.get(field).asBoolean();
    }

    private static final java.util.regex.Pattern ORIGIN = java.util.regex.Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

    private static java.util.List<String> origins(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > 20) {
            throw ApiError.invalid("allowedOrigins", "allowedOrigins must be a list of 1 to 20 origins, or [\"*\"]");
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (JsonNode o : node) {
            String v = o.isTextual() ? o.asText() : "";
            if (!"*".equals(v) && !ORIGIN.matcher(v).matches()) {
                throw ApiError.invalid("allowedOrigins", "each origin must be \"*\" or scheme://host[:port] without a path, e.g. https://shop.example");
            }
            out.add(v);
        }
        return out;
    }

    private static Map<String, Object> settingsView(SiteSettings s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("allowedOrigins", s.allowedOrigins());
        out.put("autoMatch", s.autoMatch());
        out.put("intentTtlHours", s.intentTtlHours());
        out.put("matchWindowHours", s.matchWindowHours());
        out.put("intentsPerMinute", s.intentsPerMinute());
        out.put("intentsPerMinutePerIp", s.intentsPerMinutePerIp());
        out.put("replyFrom", s.replyFrom());
        out.put("autoMatchByEmail", s.autoMatchByEmail());
        out.put("intents", s.usesIntents() ? "used" : "unused");
        return out;
    }

    /** The site in the path if this key may see it; 404 otherwise, whether or not it exists. */
    private String visibleSite(AdminPrincipal who, HttpRequest request) {
        return visibleSite(sites, who, request);
    }

    static String visibleSite(SiteRepository sites, AdminPrincipal who, HttpRequest request) {
        String clientId = request.pathParameter("clientId");
        if (clientId == null || clientId.length() > 64 || !who.canSee(clientId) || !exists(sites, clientId)) {
            throw ApiError.notFound();
        }
        return clientId;
    }

    /** The site in the path if this key may see it (404 otherwise) and change it (403 with {@code refusal} otherwise). */
    static String configurableSite(SiteRepository sites, AdminPrincipal who, HttpRequest request, String refusal) {
        String clientId = visibleSite(sites, who, request);
        if (!who.canConfigure(clientId)) {
            throw ApiError.forbidden(refusal);
        }
        return clientId;
    }

    /**
     * A site that was never deleted: a deleted site is "not found" to every key, and so is an id that could not be
     * a site's (one with a key separator), to the operator too.
     */
    static boolean exists(SiteRepository sites, String clientId) {
        return Keys.isClientId(clientId) && sites.find(clientId).filter(s -> !s.deleted()).isPresent();
    }

    /** The old settings with the body's changes: a string or number sets one, null removes it. */
    private static Map<String, String> settings(Provider provider, JsonNode body, Map<String, String> old) {
        Map<String, String> settings = new HashMap<>(old);
        for (String name : provider.settingNames()) {
            JsonNode v = body.get(name);
            if (v == null) {
                continue;
            }
            if (v.isNull()) {
                settings.remove(name);
                continue;
            }
            if (!v.isTextual() && !v.isNumber()) {
                throw ApiError.invalid(name, name + " must be a string or a number");
            }
            if (v.asText().length() > MAX_SETTING_CHARS) {
                throw ApiError.invalid(name, name + " must be at most " + MAX_SETTING_CHARS + " characters");
            }
            try {
                provider.validateSetting(name, v.asText());
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid(name, e.getMessage());
            }
            settings.put(name, v.asText());
        }
        return settings;
    }

    private static AutoReply autoReply(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw ApiError.invalid("autoReply", "autoReply must be an object");
        }
        rejectUnknown(node, Set.of("enabled", "from", "subject", "body"), "autoReply.");
        JsonNode enabled = node.get("enabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw ApiError.invalid("autoReply.enabled", "autoReply.enabled must be true or false");
        }
        String from = AdminBodies.email(node, "from");
        String subject = AdminBodies.string(node, "subject", 200);
        String text = AdminBodies.string(node, "body", 10_000);
        templateProblem("autoReply.subject", subject);
        templateProblem("autoReply.body", text);
        if (enabled.asBoolean() && (from == null || text == null)) {
            throw ApiError.invalid(from == null ? "autoReply.from" : "autoReply.body",
                    "an enabled auto-reply needs a sender address and a body");
        }
        return new AutoReply(enabled.asBoolean(), from, subject, text);
    }

    /** An auto-reply text is a template: only its {{variable}} tags, checked by the engine that renders it. */
    private static void templateProblem(String field, String template) {
        String problem = template == null ? null : AutoReplyTemplates.problem(template);
        if (problem != null) {
            throw ApiError.invalid(field, field + ": " + problem);
        }
    }

    private static void rejectUnknown(JsonNode body, Set<String> allowed) {
        rejectUnknown(body, allowed, "");
    }

    private static void rejectUnknown(JsonNode body, Set<String> allowed, String prefix) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw ApiError.invalid(prefix + f, "unknown field " + prefix + f + "; allowed: " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    static Map<String, Object> siteView(Site site) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clientId", site.clientId());
        out.put("name", site.name());
        out.put("status", site.status());
        out.put("createdAt", site.createdAt());
        return out;
    }

    /** Every role sees the same: of each secret, whether it is set and when it was set (and expires), never a character. */
    private static Map<String, Object> configView(String clientId, Provider provider, ProviderConfig c, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clientId", clientId);
        out.put("provider", c.provider());
        out.put("secrets", c.describeSecrets(provider.secretNames(), now));
        out.put("settings", new java.util.TreeMap<>(c.settings()));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("enabled", c.autoReply().enabled());
        reply.put("from", c.autoReply().from());
        reply.put("subject", c.autoReply().subject());
        reply.put("body", c.autoReply().body());
        out.put("autoReply", reply);
        out.put("callbackPath", "/callbacks/" + c.provider() + "/" + clientId);
        return out;
    }
}

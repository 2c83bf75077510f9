package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.admin.AdminKeys;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.admin.AdminRole;
import dev.orderhub.admin.KeyLabel;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.site.SiteRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** A site's admin keys: issue (shown once), list (never any part of a key), revoke at once. Owners only. */
final class KeyRoutes {
    private static final Pattern KEY_ID = Pattern.compile("key_[a-z0-9]{12}");
    private static final int MAX_EXTRA_SITES = 20;
    private final SiteRepository sites;
    private final AdminKeys keys;

    KeyRoutes(SiteRepository sites, AdminKeys keys) {
        this.sites = sites;
        this.keys = keys;
    }

    /**
     * POST /admin/sites/{clientId}/keys {role, label?, sites?}: sites are further sites the caller owns; label names
     * the person the key is for (see {@link KeyLabel}).
     */
    APIGatewayV2HTTPResponse issue(AdminPrincipal who, HttpRequest request) {
        String clientId = ownedSite(who, request);
        JsonNode body = AdminBodies.object(request);
        AdminBodies.rejectUnknown(body, Set.of("role", "sites", "label"));
        AdminRole role = AdminBodies.enumValue(body, "role", AdminRole.class, true);
        String label = label(body.get("label"));
        Set<String> covered = new TreeSet<>();
        covered.add(clientId);
        JsonNode extra = body.get("sites");
        if (extra != null && !extra.isNull()) {
            if (!extra.isArray() || extra.size() > MAX_EXTRA_SITES) {
                throw ApiError.invalid("sites", "sites must be a list of at most " + MAX_EXTRA_SITES + " client ids");
            }
            for (JsonNode s : extra) {
                String other = s.isTextual() ? s.asText() : "";
                // A site the caller does not own is refused the same way whether or not it exists.
                if (other.isEmpty() || other.length() > 64 || !who.canConfigure(other) || !SiteRoutes.exists(sites, other)) {
                    throw ApiError.invalid("sites", "sites may only name other sites this key owns");
                }
                covered.add(other);
            }
        }
        AdminKeys.IssuedKey key = keys.issue(covered, role, who.keyId(), label);
        return HttpResponses.json(201, issuedView(key, role, covered));
    }

    /** A key just issued, as POST .../keys and POST /admin/sites (its {@code key}) answer it: the plaintext, once. */
    static Map<String, Object> issuedView(AdminKeys.IssuedKey key, AdminRole role, java.util.Collection<String> sites) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("keyId", key.keyId());
        out.put("key", key.plaintext());
        out.put("role", role.wire());
        out.put("sites", sites);
        out.put("label", key.label());
        out.put("note", "the key is shown only once; store it now");
        return out;
    }

    /** GET /admin/sites/{clientId}/keys */
    APIGatewayV2HTTPResponse list(AdminPrincipal who, HttpRequest request) {
        String clientId = ownedSite(who, request);
        return HttpResponses.json(200, Map.of("keys", keys.listForSite(clientId).stream().map(KeyRoutes::view).toList()));
    }

    /**
     * DELETE /admin/sites/{clientId}/keys/{keyId}: works at once (keys are checked with a
     * consistent read). A key is revoked only by the deployment's operator or by a key that owns
     * every site it covers; an owner of some of them only takes this site off it, so that the
     * owner of one site cannot cut another site off a key it was given. The last owner key of a
     * site is kept (409): a site nobody owns could only be managed by the deployment's operator.
     */
    APIGatewayV2HTTPResponse revoke(AdminPrincipal who, HttpRequest request) {
        String clientId = ownedSite(who, request);
        String keyId = request.pathParameter("keyId");
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw ApiError.notFound();
        }
        AdminKeys.KeyRef ref = keys.findForSite(clientId, keyId).orElseThrow(ApiError::notFound);
        boolean whole = ref.sites().stream().allMatch(who::canConfigure);
        if (ref.role() == AdminRole.OWNER) {
            for (String site : whole ? ref.sites() : Set.of(clientId)) {
                boolean anotherOwner = keys.listForSite(site).stream()
                        .anyMatch(k -> k.role() == AdminRole.OWNER && !k.keyId().equals(keyId));
                if (!anotherOwner) {
                    throw new ApiError(409, "LAST_OWNER_KEY",
                            "this is the last owner key of a site it covers; issue another owner key first", null);
                }
            }
        }
        if (!whole) {
            if (!keys.removeSite(ref, clientId, who.keyId())) {
                throw ApiError.notFound();
            }
            return HttpResponses.json(200, Map.of("keyId", keyId, "removedSite", clientId));
        }
        if (!keys.revoke(ref, who.keyId())) {
            throw ApiError.notFound();
        }
        return HttpResponses.json(200, Map.of("revoked", keyId));
    }

    /** The optional label: absent or null is none; anything else must be a valid {@link KeyLabel}. */
    private static String label(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiError.invalid("label", "label must be a string");
        }
        KeyLabel.problem(node.asText()).ifPresent(p -> {
            throw ApiError.invalid("label", p);
        });
        return node.asText().strip();
    }

    private String ownedSite(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.configurableSite(sites, who, request, "only an owner key manages keys");
        return clientId;
    }

    private static Map<String, Object> view(AdminKeys.KeyRef k) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("keyId", k.keyId());
        out.put("label", k.label());
        out.put("role", k.role().wire());
        out.put("sites", new TreeSet<>(k.sites()));
        out.put("createdAt", k.createdAt());
        out.put("createdBy", k.createdBy());
        return out;
    }
}

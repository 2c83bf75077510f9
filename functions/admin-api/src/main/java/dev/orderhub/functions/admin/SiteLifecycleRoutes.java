package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.db.Cursors;
import dev.orderhub.db.Ids;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.site.Site;
import dev.orderhub.site.DynamoSiteRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Listing sites, renaming, disabling and (soft) deleting them. */
final class SiteLifecycleRoutes {
    static final Duration CONFIRMATION_VALIDITY = Duration.ofMinutes(10);
    private final DynamoSiteRepository sites;
    private final Clock clock;

    SiteLifecycleRoutes(DynamoSiteRepository sites, Clock clock) {
        this.sites = sites;
        this.clock = clock;
    }

    /**
     * GET /admin/sites: a site key's own sites; for the deployment's operator every site, paged
     * through the sites' index (never a Scan).
     */
    APIGatewayV2HTTPResponse list(AdminPrincipal who, HttpRequest request) {
        AdminQuery.only(request, Set.of("limit", "cursor"));
        int limit = AdminQuery.integer(request, "limit", 1, 200, 50);
        Map<String, Object> out = new LinkedHashMap<>();
        if (who.deploymentOperator()) {
            DynamoSiteRepository.SitePage page;
            try {
                String cursor = AdminQuery.text(request, "cursor", 2048);
                page = sites.listAll(limit, cursor);
            } catch (IllegalArgumentException e) {
                throw ApiError.invalidCursor();
            }
            out.put("sites", page.sites().stream().map(SiteRoutes::siteView).toList());
            out.put("next", Cursors.encode(page.next()));
        } else {
            if (request.query("cursor") != null) {
                throw ApiError.invalid("cursor", "a site key's sites come in one page");
            }
            List<Site> mine = who.sites().stream().map(id -> sites.find(id).orElse(null)).filter(Objects::nonNull)
                    .filter(s -> !s.deleted()).sorted(Comparator.comparing(Site::createdAt)).toList();
            out.put("sites", mine.stream().map(SiteRoutes::siteView).toList());
            out.put("next", null);
        }
        return HttpResponses.json(200, out);
    }

    /** GET /admin/sites/{clientId} */
    APIGatewayV2HTTPResponse get(AdminPrincipal who, HttpRequest request) {
        AdminQuery.only(request, Set.of());
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        return HttpResponses.json(200, SiteRoutes.siteView(sites.find(clientId).orElseThrow(ApiError::notFound)));
    }

    /**
     * PATCH /admin/sites/{clientId} {name?, status?: active|disabled}. A disabled site's callbacks
     * are answered as for an unknown site and nothing is queued; the admin API still serves it.
     */
    APIGatewayV2HTTPResponse patch(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.configurableSite(sites, who, request, "only an owner key may change a site");
        JsonNode body = AdminBodies.object(request);
        AdminBodies.rejectUnknown(body, Set.of("name", "status"));
        String name = AdminBodies.string(body, "name", 100);
        String status = AdminBodies.string(body, "status", 20);
        if (status != null && !Site.ACTIVE.equals(status) && !Site.DISABLED.equals(status)) {
            throw ApiError.invalid("status", "status must be active or disabled (DELETE removes a site)");
        }
        if (name == null && status == null) {
            throw ApiError.invalid("name", "give a name and/or a status");
        }
        Site site = sites.update(clientId, name, status).orElseThrow(ApiError::notFound);
        return HttpResponses.json(200, SiteRoutes.siteView(site));
    }

    /**
     * DELETE /admin/sites/{clientId}[?confirm=token]: without a token, 409 with a fresh one valid
     * for ten minutes; with it, the site is deleted (soft: its orders stay, but callbacks, admin
     * requests and its keys all find nothing from then on).
     */
    APIGatewayV2HTTPResponse delete(AdminPrincipal who, HttpRequest request) {
        AdminQuery.only(request, Set.of("confirm"));
        String clientId = SiteRoutes.configurableSite(sites, who, request, "only an owner key may delete a site");
        String token = AdminQuery.text(request, "confirm", 100);
        Instant now = clock.instant();
        if (token == null) {
            String offered = "del_" + Ids.random(24);
            Instant expires = now.plus(CONFIRMATION_VALIDITY);
            if (!sites.offerDeletion(clientId, offered, expires)) {
                throw ApiError.notFound();
            }
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", "CONFIRMATION_REQUIRED");
            error.put("message", "deleting a site cannot be undone through the API; repeat the request with ?confirm=<confirmationToken> within 10 minutes");
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("error", error);
            out.put("confirmationToken", offered);
            out.put("expiresAt", expires.toString());
            return HttpResponses.json(409, out);
        }
        if (!sites.delete(clientId, token, now)) {
            throw new ApiError(409, "CONFIRMATION_INVALID", "the confirmation token is wrong or expired; ask for a new one", "confirm");
        }
        return HttpResponses.json(200, Map.of("clientId", clientId, "status", Site.DELETED));
    }

}

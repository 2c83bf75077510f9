package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.mail.HeaderText;
import dev.orderhub.mail.MailAddress;
import dev.orderhub.mail.SiteSenders;
import dev.orderhub.site.SiteMail;
import dev.orderhub.site.SiteMailStore;
import dev.orderhub.site.SiteRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A site's mail settings: the display name its e-mails carry and its staff addresses (the
 * owner's), and the sender addresses the deployment operator verified for it (only the
 * deployment's operator key sets those: a site cannot make another site's address its own).
 */
final class MailRoutes {
    private static final int MAX_ADDRESSES = 20;
    private final SiteRepository sites;
    private final SiteMailStore store;
    private final SiteSenders senders;

    MailRoutes(SiteRepository sites, SiteMailStore store, SiteSenders senders) {
        this.sites = sites;
        this.store = store;
        this.senders = senders;
    }

    /** GET /admin/sites/{clientId}/mail. */
    APIGatewayV2HTTPResponse get(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        return HttpResponses.json(200, view(store.find(clientId)));
    }

    /** PUT /admin/sites/{clientId}/mail {senderName, staff, verifiedSenders}: omitted fields keep their value. */
    APIGatewayV2HTTPResponse put(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.configurableSite(sites, who, request, "only an owner key changes the site's mail settings");
        JsonNode body = AdminBodies.object(request);
        AdminBodies.rejectUnknown(body, Set.of("senderName", "staff", "verifiedSenders"));
        if (body.has("verifiedSenders") && !who.deploymentOperator()) {
            throw ApiError.forbidden("only the deployment's operator key verifies sender addresses for a site");
        }
        SiteMail old = store.find(clientId);
        if (body.has("senderName") || body.has("staff")) {
            String name = body.has("senderName") ? senderName(body) : old.senderName();
            List<String> staff = body.has("staff") ? addresses(body, "staff") : old.staff();
            store.putOwnerPart(clientId, name, staff);
        }
        if (body.has("verifiedSenders")) {
            try {
                store.putVerifiedSenders(clientId, addresses(body, "verifiedSenders"));
            } catch (SiteMailStore.SenderTaken e) {
                throw new ApiError(409, "SENDER_TAKEN", e.getMessage(), "verifiedSenders");
            }
        }
        return HttpResponses.json(200, view(store.find(clientId)));
    }

    private static String senderName(JsonNode body) {
        String name = AdminBodies.string(body, "senderName", 100);
        if (HeaderText.hasControl(name)) {
            throw ApiError.invalid("senderName", "senderName must be one line, without line breaks or control characters");
        }
        return name == null ? null : name.strip();
    }

    /** A list of distinct addresses, each exactly one e-mail address. */
    private static List<String> addresses(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isArray() || v.size() > MAX_ADDRESSES) {
            throw ApiError.invalid(field, field + " must be a list of at most " + MAX_ADDRESSES + " e-mail addresses");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual() || !MailAddress.isOne(e.asText())) {
                throw ApiError.invalid(field + "[" + i + "]", field + "[" + i + "] must be one e-mail address (name@example.com)");
            }
            if (out.stream().noneMatch(a -> MailAddress.key(a).equals(MailAddress.key(e.asText())))) {
                out.add(e.asText());
            }
        }
        return out;
    }

    private Map<String, Object> view(SiteMail m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("senderName", m.senderName());
        out.put("staff", m.staff());
        out.put("verifiedSenders", m.verifiedSenders());
        out.put("deploymentSender", senders.identity().address());
        return out;
    }
}

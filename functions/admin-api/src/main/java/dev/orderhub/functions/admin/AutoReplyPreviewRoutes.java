package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.mail.AutoReplyTemplates;
import dev.orderhub.site.Site;
import dev.orderhub.site.SiteRepository;
import dev.orderhub.workflow.action.AutoReplyMail;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A draft auto-reply rendered for a sample order before it is saved, so that a seller sees what a
 * buyer would get. The draft is checked as saving checks it and rendered by the same engine and
 * values as the e-mail the auto_reply action sends ({@link AutoReplyMail#preview}): seller text
 * reaches nothing but that sandbox. Read-only: any key that sees the site may preview.
 */
final class AutoReplyPreviewRoutes {
    /** The limits of a saved auto-reply (PUT .../providers/{provider}). */
    static final int MAX_SUBJECT = 200;
    static final int MAX_BODY = 10_000;
    private final SiteRepository sites;

    AutoReplyPreviewRoutes(SiteRepository sites) {
        this.sites = sites;
    }

    /** POST /admin/sites/{clientId}/settings/auto-reply/preview {subject, body} */
    APIGatewayV2HTTPResponse preview(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        JsonNode body = AdminBodies.object(request);
        AdminBodies.rejectUnknown(body, Set.of("subject", "body"));
        String subject = AdminBodies.string(body, "subject", MAX_SUBJECT);
        String text = AdminBodies.string(body, "body", MAX_BODY);
        checked("subject", subject);
        checked("body", text);
        String siteName = sites.find(clientId).map(Site::name).orElse("");
        AutoReplyMail.Preview p = AutoReplyMail.preview(subject, text, siteName);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subject", p.subject());
        out.put("body", p.body());
        out.put("sample", p.sample());
        return HttpResponses.json(200, out);
    }

    /** A draft that could not be saved is not rendered either: 400 naming the field and the tag. */
    private static void checked(String field, String template) {
        String problem = template == null ? null : AutoReplyTemplates.problem(template);
        if (problem != null) {
            throw ApiError.invalid(field, field + ": " + problem);
        }
    }
}

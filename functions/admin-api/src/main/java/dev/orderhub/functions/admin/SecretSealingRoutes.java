package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.db.Cursors;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.site.SecretsMigration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The operator's one-off sealing of secrets stored before secrets were sealed (DEPLOY.md). */
final class SecretSealingRoutes {
    private final SecretsMigration migration;

    SecretSealingRoutes(SecretsMigration migration) {
        this.migration = migration;
    }

    /** POST /admin/secrets/seal?limit=&cursor=: seals a page of sites' plain secrets; repeat with {@code next} until an answer has none. */
    APIGatewayV2HTTPResponse seal(AdminPrincipal who, HttpRequest request) {
        if (!who.deploymentOperator()) {
            throw ApiError.forbidden("only the deployment's operator key seals stored secrets");
        }
        AdminQuery.only(request, Set.of("limit", "cursor"));
        AdminBodies.rejectUnknown(AdminBodies.object(request), Set.of()); // a page of sites is named in the query
        int limit = AdminQuery.integer(request, "limit", 1, 100, 25);
        SecretsMigration.Result r;
        try {
            r = migration.sealPage(limit, AdminQuery.text(request, "cursor", 2048));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("cursor", "cursor is not valid");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sites", r.sites());
        out.put("providerConfigsSealed", r.providerConfigsSealed());
        out.put("webhookSecretsSealed", r.webhookSecretsSealed());
        out.put("next", Cursors.encode(r.next()));
        return HttpResponses.json(200, out);
    }
}

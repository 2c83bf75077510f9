package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.db.Cursors;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.workflow.DefaultWorkflowMigration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The operator's one-off install of the default thank-you workflow on sites created before sites got it (DEPLOY.md). */
final class DefaultWorkflowMigrationRoutes {
    private final DefaultWorkflowMigration migration;

    DefaultWorkflowMigrationRoutes(DefaultWorkflowMigration migration) {
        this.migration = migration;
    }

    /** POST /admin/migrations/default-workflow?limit=&cursor=: a page of sites; repeat with {@code next} until an answer has none. */
    APIGatewayV2HTTPResponse install(AdminPrincipal who, HttpRequest request) {
        if (!who.deploymentOperator()) {
            throw ApiError.forbidden("only the deployment's operator key installs the default workflow on every site");
        }
        AdminQuery.only(request, Set.of("limit", "cursor"));
        AdminBodies.rejectUnknown(AdminBodies.object(request), Set.of()); // a page of sites is named in the query
        int limit = AdminQuery.integer(request, "limit", 1, 100, 25);
        String cursor = AdminQuery.text(request, "cursor", 2048);
        DefaultWorkflowMigration.Result r;
        try {
            r = migration.installPage(limit, cursor);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("cursor", "cursor is not valid");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sites", r.sites());
        out.put("installed", r.installed());
        out.put("next", Cursors.encode(r.next()));
        return HttpResponses.json(200, out);
    }
}

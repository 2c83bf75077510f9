package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.db.Cursors;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.site.SecretsMigration;
import dev.orderhub.workflow.DefaultWorkflowMigration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The operator's one-off migrations over every site (DEPLOY.md), each a {@code POST …?limit=&cursor=}
 * that works through one page of sites and answers what it did and {@code next}; the operator
 * repeats it with {@code next} until an answer has none. Only the deployment's operator key may run
 * one: a migration reaches every tenant's items.
 */
final class OperatorMigrationRoutes {
    /** What one page did (counts by name, in answer order) and where the next page starts (null: done). */
    record Page(Map<String, Object> done, Map<String, AttributeValue> next) {}

    /** One page of a migration, from a page size and the previous answer's cursor (null: the first page). */
    @FunctionalInterface
    interface Migration {
        Page page(int limit, String cursor);
    }

    private final SecretsMigration sealing;
    private final DefaultWorkflowMigration defaultWorkflow;

    OperatorMigrationRoutes(SecretsMigration sealing, DefaultWorkflowMigration defaultWorkflow) {
        this.sealing = sealing;
        this.defaultWorkflow = defaultWorkflow;
    }

    /** POST /admin/secrets/seal: seals a page of sites' plain secrets. */
    APIGatewayV2HTTPResponse seal(AdminPrincipal who, HttpRequest request) {
        return run(who, request, "seals stored secrets", (limit, cursor) -> {
            SecretsMigration.Result r = sealing.sealPage(limit, cursor);
            return new Page(counts("sites", r.sites(), "providerConfigsSealed", r.providerConfigsSealed(),
                    "webhookSecretsSealed", r.webhookSecretsSealed()), r.next());
        });
    }

    /** POST /admin/migrations/default-workflow: installs the default thank-you workflow on a page of sites created before sites got it. */
    APIGatewayV2HTTPResponse installDefaultWorkflow(AdminPrincipal who, HttpRequest request) {
        return run(who, request, "installs the default workflow on every site", (limit, cursor) -> {
            DefaultWorkflowMigration.Result r = defaultWorkflow.installPage(limit, cursor);
            return new Page(counts("sites", r.sites(), "installed", r.installed()), r.next());
        });
    }

    private static APIGatewayV2HTTPResponse run(AdminPrincipal who, HttpRequest request, String whatItDoes, Migration migration) {
        if (!who.deploymentOperator()) {
            throw ApiError.forbidden("only the deployment's operator key " + whatItDoes);
        }
        AdminQuery.only(request, Set.of("limit", "cursor"));
        AdminBodies.rejectUnknown(AdminBodies.object(request), Set.of()); // a page of sites is named in the query
        int limit = AdminQuery.integer(request, "limit", 1, 100, 25);
        String cursor = AdminQuery.text(request, "cursor", 2048);
        Page page;
        try {
            page = migration.page(limit, cursor);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("cursor", "cursor is not valid");
        }
        Map<String, Object> out = new LinkedHashMap<>(page.done());
        out.put("next", Cursors.encode(page.next()));
        return HttpResponses.json(200, out);
    }

    private static Map<String, Object> counts(Object... namesAndCounts) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndCounts.length; i += 2) {
            out.put((String) namesAndCounts[i], namesAndCounts[i + 1]);
        }
        return out;
    }
}

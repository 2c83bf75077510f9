package dev.orderhub.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.LambdaFunctions;
import dev.orderhub.local.TestHub;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The admin key authorizer in front of the admin routes, through the local gateway as API
 * Gateway runs it: no caching, its context is the caller the admin function acts for, and a
 * missing, bad or revoked key still gets the hub's own 401.
 */
class AdminAuthorizerIT {
    private record Call(String function, Object event, Object response) {}

    /** The invocations whose path mentions {@code marker} (other tests share the stack) while {@code body} runs. */
    private static List<Call> recorded(String marker, Runnable body) {
        List<Call> calls = new CopyOnWriteArrayList<>();
        LambdaFunctions.InvocationListener listener = (id, event, response, nanos) -> {
            String path = event instanceof APIGatewayV2HTTPEvent h ? h.getRawPath()
                    : event instanceof APIGatewayV2CustomAuthorizerEvent a ? a.getRawPath() : null;
            if (path != null && path.contains(marker)) {
                calls.add(new Call(id, event, response));
            }
        };
        TestHub.get().functions().addListener(listener);
        try {
            body.run();
        } finally {
            TestHub.get().functions().removeListener(listener);
        }
        return calls;
    }

    private static void assertHubUnauthorized(TestHub.Response r) {
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").get("code").asText()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void theAdminFunctionActsForTheCallerTheAuthorizerFound() {
        JsonNode site = TestHub.newSite("Authorizer");
        String clientId = site.get("clientId").asText();
        String owner = site.get("adminKey").asText();
        JsonNode viewer = TestHub.send("POST", "/admin/sites/" + clientId + "/keys", "application/json",
                Json.write(Map.of("role", "viewer")), Map.of("authorization", "Bearer " + owner)).json();

        List<Call> calls = recorded(clientId, () ->
                assertThat(TestHub.get("/admin/sites/" + clientId + "/orders", viewer.get("key").asText()).status()).isEqualTo(200));

        assertThat(calls).extracting(Call::function).containsExactly("AdminAuthorizerFunction", "AdminApiFunction");
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) ((Map<?, ?>) calls.get(0).response()).get("context");
        assertThat(context).containsEntry("keyId", viewer.get("keyId").asText()).containsEntry("role", "viewer")
                .containsEntry("sites", (Object) clientId).containsEntry("operator", "false");
        APIGatewayV2HTTPEvent adminEvent = (APIGatewayV2HTTPEvent) calls.get(1).event();
        assertThat(adminEvent.getRequestContext().getAuthorizer().getLambda()).isEqualTo(context);
    }

    @Test
    void aMissingBadOrRevokedKeyGetsTheHubsOwn401AndNothingIsCached() {
        JsonNode site = TestHub.newSite("Authorizer revocation");
        String clientId = site.get("clientId").asText();
        String owner = site.get("adminKey").asText();
        JsonNode viewer = TestHub.send("POST", "/admin/sites/" + clientId + "/keys", "application/json",
                Json.write(Map.of("role", "viewer")), Map.of("authorization", "Bearer " + owner)).json();
        String path = "/admin/sites/" + clientId + "/orders";

        List<Call> calls = recorded(clientId, () -> {
            assertHubUnauthorized(TestHub.send("GET", path, null, null, Map.of()));
            assertHubUnauthorized(TestHub.get(path, "ohk_not_a_key"));
            assertThat(TestHub.get(path, viewer.get("key").asText()).status()).isEqualTo(200);
            assertThat(TestHub.send("DELETE", "/admin/sites/" + clientId + "/keys/" + viewer.get("keyId").asText(), null, null,
                    Map.of("authorization", "Bearer " + owner)).status()).isEqualTo(200);
            assertHubUnauthorized(TestHub.get(path, viewer.get("key").asText()));
        });
        assertThat(calls.stream().filter(c -> c.function().equals("AdminAuthorizerFunction")).count())
                .as("every request asks the authorizer: no cached answer outlives a revocation").isEqualTo(5);
    }

    @Test
    void behindTheAuthorizerTheFunctionBelievesTheContextNotTheHeader() {
        JsonNode site = TestHub.newSite("Authorizer context");
        String clientId = site.get("clientId").asText();
        String operatorHeader = "Bearer " + TestHub.get().operatorKey();

        APIGatewayV2HTTPResponse refused = invokeAdmin(clientId, operatorHeader, Map.of("authenticated", "false"));
        assertThat(refused.getStatusCode()).as("the authorizer found no key, whatever the header says").isEqualTo(401);
        assertThat(Json.parse(refused.getBody()).get("error").get("code").asText()).isEqualTo("UNAUTHORIZED");

        APIGatewayV2HTTPResponse otherSite = invokeAdmin(clientId, operatorHeader,
                Map.of("authenticated", "true", "keyId", "k_other", "role", "owner", "sites", "site_elsewhere", "operator", "false"));
        assertThat(otherSite.getStatusCode()).as("the context's key does not cover this site").isEqualTo(404);

        APIGatewayV2HTTPResponse allowed = invokeAdmin(clientId, null,
                Map.of("authenticated", "true", "keyId", "k_ctx", "role", "viewer", "sites", clientId, "operator", "false"));
        assertThat(allowed.getStatusCode()).isEqualTo(200);
    }

    @Test
    void theAdminPageNeedsNoAuthorizer() {
        List<Call> calls = recorded("/admin/ui", () -> assertThat(TestHub.send("GET", "/admin/ui", null, null, Map.of()).status())
                .isLessThan(400));
        assertThat(calls).extracting(Call::function).doesNotContain("AdminAuthorizerFunction");
    }

    private static APIGatewayV2HTTPResponse invokeAdmin(String clientId, String authorization, Map<String, Object> context) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("GET /admin/sites/{clientId}/orders")
                .withRawPath("/admin/sites/" + clientId + "/orders")
                .withHeaders(authorization == null ? Map.of() : Map.of("authorization", authorization))
                .withPathParameters(Map.of("clientId", clientId))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey("GET /admin/sites/{clientId}/orders")
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withLambda(context).build())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET")
                                .withPath("/admin/sites/" + clientId + "/orders").withSourceIp("127.0.0.1").build())
                        .build())
                .build();
        return (APIGatewayV2HTTPResponse) TestHub.get().functions().invoke("AdminApiFunction", event);
    }
}

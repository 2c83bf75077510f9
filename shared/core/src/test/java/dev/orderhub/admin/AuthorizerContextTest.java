package dev.orderhub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorizerContextTest {
    @Test
    void aSiteKeySurvivesTheTripThroughTheAuthorizerContext() {
        AdminPrincipal key = new AdminPrincipal("k_1", AdminRole.VIEWER, Set.of("site_b", "site_a"), false);
        Map<String, Object> context = AuthorizerContext.of(Optional.of(key));
        assertThat(context).containsEntry("keyId", "k_1").containsEntry("role", "viewer")
                .containsEntry("sites", "site_a,site_b").containsEntry("operator", "false");
        assertThat(context.values()).as("API Gateway passes on strings").allMatch(String.class::isInstance);
        assertThat(AuthorizerContext.principal(context)).contains(key);
    }

    @Test
    void theOperatorKeySurvivesTheTrip() {
        Map<String, Object> context = AuthorizerContext.of(Optional.of(AdminPrincipal.operator()));
        assertThat(context).containsEntry("operator", "true").containsEntry("sites", "");
        assertThat(AuthorizerContext.principal(context)).contains(AdminPrincipal.operator());
    }

    @Test
    void aMissingOrBadKeyIsNoPrincipal() {
        assertThat(AuthorizerContext.of(Optional.empty())).isEqualTo(Map.of("authenticated", "false"));
        assertThat(AuthorizerContext.principal(AuthorizerContext.of(Optional.empty()))).isEmpty();
        assertThat(AuthorizerContext.principal(Map.of())).isEmpty();
        assertThat(AuthorizerContext.principal(Map.of("keyId", "k_1", "role", "owner", "sites", "s", "operator", "true")))
                .as("only an explicit authenticated=true names a caller").isEmpty();
    }
}

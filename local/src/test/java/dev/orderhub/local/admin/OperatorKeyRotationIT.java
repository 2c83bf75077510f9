package dev.orderhub.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.json.Json;
import dev.orderhub.local.TestHub;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rotating the deployment's operator key without downtime: while the stack has both the current
 * and the next key's hash (OperatorKeyHashNext), both open the operator's routes, through the
 * authorizer as API Gateway calls it; any other key does not.
 */
class OperatorKeyRotationIT {
    private static TestHub.Response createSite(String key) {
        return TestHub.send("POST", "/admin/sites", "application/json", Json.write(Map.of("name", "Rotation")),
                Map.of("authorization", "Bearer " + key));
    }

    @Test
    void theCurrentAndTheNextOperatorKeyBothWorkDuringARotation() {
        assertThat(createSite(TestHub.get().operatorKey()).status()).isEqualTo(201);
        assertThat(createSite(TestHub.get().nextOperatorKey()).status()).as("the next key, before clients switch").isEqualTo(201);
        assertThat(TestHub.get("/admin/dead-letters", TestHub.get().nextOperatorKey()).status()).isEqualTo(200);
    }

    @Test
    void noOtherKeyIsTheOperator() {
        assertThat(createSite("ohk_" + "0".repeat(64)).status()).isEqualTo(401);
        assertThat(createSite(TestHub.get().nextOperatorKey() + "x").status()).isEqualTo(401);
    }
}

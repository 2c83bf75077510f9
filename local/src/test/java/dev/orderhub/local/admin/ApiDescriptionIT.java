package dev.orderhub.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.local.LocalHub;
import dev.orderhub.local.TestHub;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A seller's developer fetches the API description from the deployment to generate a client. */
class ApiDescriptionIT {
    @Test
    void getOpenapiYamlServesTheRepositorysDescriptionWithoutAKey() throws Exception {
        TestHub.Response r = TestHub.get("/openapi.yaml", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().get("content-type")).singleElement().asString().startsWith("application/yaml");
        assertThat(r.body()).isEqualTo(Files.readString(LocalHub.findRoot().resolve("openapi.yaml")));
        String etag = r.headers().get("etag").get(0);
        TestHub.Response again = TestHub.send("GET", "/openapi.yaml", null, null, Map.of("if-none-match", etag));
        assertThat(again.status()).isEqualTo(304);
    }
}

package dev.orderhub.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.json.Json;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BodySecretsTest {
    private final BodySecrets secrets = new BodySecrets(Set.of("verification_token"));

    @Test
    void aFormBodyLosesTheSecretInsideItsJsonValueAndKeepsTheBuyersText() {
        String message = "verification_token=my own words";
        String data = "{\"verification_token\":\"s3cret\",\"message\":" + Json.MAPPER.valueToTree(message) + "}";
        String body = "data=" + URLEncoder.encode(data, StandardCharsets.UTF_8) + "&verification_token=s3cret";

        String cleaned = secrets.removedFromBody(body);

        assertThat(cleaned).doesNotContain("s3cret").startsWith("data=").doesNotContain("&");
        String kept = URLDecoder.decode(cleaned.substring("data=".length()), StandardCharsets.UTF_8);
        assertThat(Json.parse(kept).get("message").asText()).isEqualTo(message);
    }

    @Test
    void aBodyWithoutTheSecretIsKeptByteForByte() {
        String body = "{ \"amount\" : 1.10, \"message\" : \"{\\\"verification_token\\\":\\\"x\\\"}\" }";

        assertThat(secrets.removedFromBody(body)).isEqualTo(body);
    }

    @Test
    void aSecretNestedInTheBodysObjectsIsRemoved() {
        String cleaned = secrets.removedFromBody("{\"shop\":[{\"verification_token\":\"s3cret\",\"sku\":\"a\"}]}");

        assertThat(cleaned).isEqualTo("{\"shop\":[{\"sku\":\"a\"}]}");
    }
}

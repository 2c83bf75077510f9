package dev.orderhub.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.json.Json;
import dev.orderhub.provider.Providers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeadLetterPayloadTest {
    private static final String TOKEN = "6a1b2c3d-token-value";
    /** As the admin API builds it: the fields of the registry's providers. */
    private static final DeadLetterPayload PAYLOADS = new DeadLetterPayload(Providers.REGISTRY.bodySecretFields());

    @Test
    void theTokenIsRemovedFromTheMessageFromNestedObjectsAndFromAJsonRawBody() {
        String raw = Json.write(Map.of("message_id", "m1", "verification_token", TOKEN));
        String body = Json.write(Map.of("eventId", "m1", "verification_token", TOKEN, "raw", raw,
                "records", List.of(Map.of("verification_token", TOKEN, "id", "r1"))));

        DeadLetterPayload.Shown shown = PAYLOADS.of(body);

        assertThat(shown.text()).doesNotContain(TOKEN).doesNotContain("verification_token").contains("m1").contains("r1");
        assertThat(shown.truncated()).isFalse();
    }

    @Test
    void theTokenIsRemovedFromAKofiFormRawBody() {
        String data = Json.write(Map.of("message_id", "m2", "verification_token", TOKEN, "amount", "3.00"));
        String form = "data=" + URLEncoder.encode(data, StandardCharsets.UTF_8);
        String body = Json.write(Map.of("eventId", "m2", "rawContentType", "application/x-www-form-urlencoded", "raw", form));

        String text = PAYLOADS.of(body).text();

        assertThat(text).doesNotContain(TOKEN).contains("m2").contains("3.00");
    }

    @Test
    void aMessageThatIsNotJsonLosesItsTokenToo() {
        assertThat(PAYLOADS.of("not json {\"verification_token\": \"" + TOKEN + "\"").text()).doesNotContain(TOKEN);
        assertThat(PAYLOADS.of("verification_token=" + TOKEN + "&x=1").text()).doesNotContain(TOKEN).contains("x=1");
        assertThat(PAYLOADS.of("broken verification_token=" + TOKEN + "\nline").text()).doesNotContain(TOKEN);
    }

    @Test
    void textWithoutSecretsIsShownAsItWas() {
        assertThat(PAYLOADS.of("a=1&b=2 c").text()).isEqualTo("a=1&b=2 c");
        String body = Json.write(Map.of("message", "2+2=4, {braces}", "raw", "plain text"));
        assertThat(Json.parse(PAYLOADS.of(body).text())).isEqualTo(Json.parse(body));
    }

    @Test
    void withNoSecretFieldsNothingIsMasked() {
        String body = "{\"note\": \"kept\", \"verification_token\": \"" + TOKEN + "\"}";
        assertThat(Json.parse(new DeadLetterPayload(Set.of()).of(body).text())).isEqualTo(Json.parse(body));
    }

    @Test
    void aLongBodyIsCutAndSaysSo() {
        String body = Json.write(Map.of("raw", "x".repeat(DeadLetterPayload.MAX_CHARS + 10)));
        DeadLetterPayload.Shown shown = PAYLOADS.of(body);
        assertThat(shown.truncated()).isTrue();
        assertThat(shown.text()).hasSize(DeadLetterPayload.MAX_CHARS);
    }
}

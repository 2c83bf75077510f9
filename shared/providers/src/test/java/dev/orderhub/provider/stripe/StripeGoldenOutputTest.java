package dev.orderhub.provider.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.orderhub.json.Json;
import dev.orderhub.provider.CallbackDecision;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Stripe event sample (samples/stripe, sources in samples/SOURCES.md) must normalize into
 * exactly the decision recorded in golden/stripe/&lt;sample&gt;.json: every event with every field,
 * the raw payload kept for storage and every normalized record. The fixtures were captured from
 * the tree-based normalizer before the callback path moved to a streaming reader, so any change in
 * what a delivery produces shows up here as a diff.
 *
 * <p>To re-capture after an intended change of the normalized output, run this test with
 * {@code -Dgolden.capture=true} and review the diff of src/test/resources/golden/stripe.
 */
class StripeGoldenOutputTest {
    private static final String SECRET = "whsec_golden";
    private static final Path FIXTURES = Path.of("src/test/resources/golden/stripe");

    static Stream<String> samples() {
        return StripeSamples.EVENTS.stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void decisionEqualsTheRecordedOne(String sample) throws IOException {
        String body = Samples.read("stripe/" + sample + ".json");
        // Signed at its own time, so the replay window is not what is tested here.
        long t = Json.parse(body).path("created").asLong();
        String header = StripeSignature.header(body.getBytes(StandardCharsets.UTF_8), SECRET, t);
        CallbackDecision decision = new StripeProvider().verifyAndNormalize(
                Requests.post("site_golden", "application/json", body, Map.of("Stripe-Signature", header)),
                new ProviderConfig("stripe", Map.of(StripeProvider.WEBHOOK_SECRET, SECRET), Map.of(), Map.of(), null),
                "site_golden", Instant.ofEpochSecond(t));
        // Through text, as the queue carries it, so that numbers compare by value (int vs long nodes).
        JsonNode actual = Json.MAPPER.readTree(Json.write(decision));
        if (Boolean.getBoolean("golden.capture")) {
            Files.createDirectories(FIXTURES);
            Files.writeString(FIXTURES.resolve(sample + ".json"),
                    Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(actual) + "\n");
        }
        assertThat(actual).isEqualTo(golden(sample));
    }

    private static JsonNode golden(String sample) throws IOException {
        try (InputStream in = StripeGoldenOutputTest.class.getResourceAsStream("/golden/stripe/" + sample + ".json")) {
            assertThat(in).as("fixture golden/stripe/" + sample + ".json").isNotNull();
            return Json.MAPPER.readTree(in);
        }
    }
}

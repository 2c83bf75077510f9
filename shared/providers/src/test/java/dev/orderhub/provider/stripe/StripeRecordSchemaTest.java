package dev.orderhub.provider.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.provider.CallbackDecision;
import dev.orderhub.record.NormalizedRecord;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every record produced from every Stripe sample conforms to its declared schema
 * (schemas/&lt;type&gt;.v&lt;schemaVersion&gt;.json, JSON Schema draft 2020-12, formats asserted),
 * and every declared Stripe schema is exercised by at least one sample.
 */
class StripeRecordSchemaTest {
    private static final String SECRET = "whsec_schema_test";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Set<String> STRIPE_SCHEMAS = Set.of("charge", "refund", "subscription", "customer", "price",
            "balance_transaction");
    private final Map<String, JsonSchema> schemas = new HashMap<>();

    private static Path schemasDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("schemas/charge.v1.json"))) {
                return dir.resolve("schemas");
            }
        }
        throw new IllegalStateException("schemas/ not found above " + Path.of("").toAbsolutePath());
    }

    private JsonSchema schema(String type, int version) {
        return schemas.computeIfAbsent(type + ".v" + version, name -> {
            try {
                JsonNode node = Json.parse(Files.readString(schemasDir().resolve(name + ".json")));
                SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node, config);
            } catch (IOException e) {
                throw new IllegalStateException("no schema " + name, e);
            }
        });
    }

    private static List<NormalizedRecord> records(String body) {
        String header = StripeSignature.header(body.getBytes(StandardCharsets.UTF_8), SECRET, NOW.getEpochSecond());
        CallbackDecision d = new StripeProvider().verifyAndNormalize(
                Requests.post("site_abcd", "application/json", body, Map.of("Stripe-Signature", header)),
                new ProviderConfig("stripe", Map.of(StripeProvider.WEBHOOK_SECRET, SECRET), Map.of(), Map.of(), null),
                "site_abcd", NOW);
        List<NormalizedRecord> out = new ArrayList<>();
        for (PaymentEvent e : d.events()) {
            out.addAll(e.records());
        }
        return out;
    }

    private static List<String> bodies() {
        List<String> bodies = new ArrayList<>();
        StripeSamples.EVENTS.forEach(s -> bodies.add(Samples.read("stripe/" + s + ".json")));
        String txn = Samples.read("stripe/balance_transaction.json");
        bodies.add(StripeSamples.envelope("test.balance_transaction", txn));
        // A charge whose balance_transaction is expanded, as the API returns it on request.
        ObjectNode expanded = (ObjectNode) Json.parse(Samples.read("stripe/charge.succeeded.json"));
        ((ObjectNode) expanded.get("data").get("object")).set("balance_transaction", Json.parse(txn));
        bodies.add(expanded.toString());
        return bodies;
    }

    @Test
    void everyRecordFromEverySampleConformsToItsSchema() {
        Set<String> seen = new TreeSet<>();
        int checked = 0;
        for (String body : bodies()) {
            String type = Json.parse(body).get("type").asText();
            for (NormalizedRecord r : records(body)) {
                assertThat(r.schemaVersion()).isEqualTo(1);
                Set<ValidationMessage> errors = schema(r.type(), r.schemaVersion()).validate(r.data());
                assertThat(errors).as(type + " → " + r.type() + " " + r.id() + ": " + r.data()).isEmpty();
                assertThat(r.data().get("id").asText()).isEqualTo(r.id());
                assertThat(r.data().get("created").asText()).isEqualTo(r.createdAt());
                seen.add(r.type());
                checked++;
            }
        }
        assertThat(seen).isEqualTo(new TreeSet<>(STRIPE_SCHEMAS));
        assertThat(checked).isGreaterThanOrEqualTo(20);
    }

    @Test
    void theSchemasRejectWhatTheyMustReject() {
        NormalizedRecord charge = records(Samples.read("stripe/charge.succeeded.json")).get(0);
        ObjectNode floatAmount = charge.data().deepCopy();
        floatAmount.put("amount", 10.99);
        ObjectNode lowerCurrency = charge.data().deepCopy();
        lowerCurrency.put("currency", "usd");
        ObjectNode extra = charge.data().deepCopy();
        extra.put("undeclared", 1);
        ObjectNode missing = charge.data().deepCopy();
        missing.remove("risk_score");
        ObjectNode badTime = charge.data().deepCopy();
        badTime.put("created", "yesterday");
        for (ObjectNode bad : List.of(floatAmount, lowerCurrency, extra, missing, badTime)) {
            assertThat(schema("charge", 1).validate(bad)).as(bad.toString()).isNotEmpty();
        }
    }
}

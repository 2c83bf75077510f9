package dev.orderhub.provider.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.testing.Samples;
import dev.orderhub.testing.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link StripeEventReader} must be indistinguishable from the whole tree for the normalizer: the
 * same decision (events, records, raw payload) or the same rejection, on every Stripe sample
 * (samples/stripe, sources in samples/SOURCES.md) and on seeded variants of them with fields
 * removed, retyped, duplicated, moved deeper or holding recorded objects where none were.
 */
class StripeEventReaderTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    /** Literals in the normalizer's sources that are values or answers, not field names. */
    private static final Set<String> NOT_FIELDS = Set.of("client_secret", "event", "list", "pending", "received",
            "stripe", "succeeded");
    private static final List<String> SOURCES = List.of("StripeNormalizer", "StripeRecords", "StripeJson",
            "StripeProvider");
    private static final long SEED = Long.getLong("stripe.reader.seed", 20261125L);
    private static final int VARIANTS_PER_SAMPLE = 300;

    static Stream<String> samples() {
        return StripeSamples.EVENTS.stream();
    }

    @Test
    void keepsEveryFieldNameTheNormalizerReads() throws IOException {
        Set<String> literals = new TreeSet<>();
        for (String source : SOURCES) {
            String text = Files.readString(RepoRoot.sharedSources().stream()
                    .map(r -> r.resolve("dev/orderhub/provider/stripe/" + source + ".java")).filter(Files::exists).findFirst().orElseThrow());
            Matcher m = Pattern.compile("\"([a-z][a-z0-9_]*)\"").matcher(text);
            while (m.find()) {
                literals.add(m.group(1));
            }
        }
        literals.removeAll(NOT_FIELDS);
        assertThat(StripeEventReader.FIELDS).containsAll(literals);
        assertThat(StripeEventReader.FIELDS).doesNotContain("client_secret");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sampleNormalizesAsTheWholeTreeDoes(String sample) {
        String body = Samples.read("stripe/" + sample + ".json");
        assertThat(outcome(StripeEventReader.read(body), body)).isEqualTo(outcome(Json.parse(body), body));
    }

    @Test
    void balanceTransactionInsideAnEventNormalizesAsTheWholeTreeDoes() {
        String body = StripeSamples.envelope("balance.available", Samples.read("stripe/balance_transaction.json"));
        assertThat(outcome(StripeEventReader.read(body), body)).isEqualTo(outcome(Json.parse(body), body));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void generatedVariantsNormalizeAsTheWholeTreeDoes(String sample) {
        Random random = new Random(SEED ^ sample.hashCode());
        String original = Samples.read("stripe/" + sample + ".json");
        for (int i = 0; i < VARIANTS_PER_SAMPLE; i++) {
            String body = variant(original, random);
            assertThat(outcome(StripeEventReader.read(body), body))
                    .as("variant %d of %s (seed %d, -Dstripe.reader.seed to replay): %s", i, sample, SEED, body)
                    .isEqualTo(outcome(Json.parse(body), body));
        }
    }

    @Test
    void aBodyThatIsNotAnObjectIsLeftToTheWholeTree() {
        assertThat(StripeEventReader.read("[{\"object\":\"event\"}]")).isNull();
        assertThat(StripeEventReader.read("\"event\"")).isNull();
        assertThat(StripeEventReader.read("null")).isNull();
        assertThat(StripeEventReader.read("")).isNull();
    }

    @Test
    void malformedJsonAnywhereIsRefusedAsByTheWholeTree() {
        String body = Samples.read("stripe/charge.succeeded.json");
        // Inside a field the reader skips (receipt_url) and inside one it keeps.
        for (String bad : List.of(body.replace("\"receipt_url\": \"", "\"receipt_url\": \"\u0001"),
                body.replace("\"fraud_details\": {}", "\"fraud_details\": {]"),
                body.replace("\"amount\": 1099", "\"amount\": 10-99"),
                body.substring(0, body.length() / 2))) {
            assertThatThrownBy(() -> Json.parse(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> StripeEventReader.read(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void stopsAfterTheFirstValueAsTheWholeTreeDoes() {
        String body = Samples.read("stripe/charge.succeeded.json") + " trailing";
        assertThat(outcome(StripeEventReader.read(body), body)).isEqualTo(outcome(Json.parse(body), body));
    }

    @Test
    void nestingBeyondWhatIsReadIsOnlyTokenized() {
        String deep = "[".repeat(200) + "{\"object\":\"charge\"}" + "]".repeat(200);
        String body = Samples.read("stripe/charge.succeeded.json").replace("\"fraud_details\": {}",
                "\"fraud_details\": " + deep);
        assertThat(outcome(StripeEventReader.read(body), body)).isEqualTo(outcome(Json.parse(body), body));
    }

    @Test
    void aLaterDuplicateReplacesAKeptFieldAsInTheWholeTree() {
        String sample = Samples.read("stripe/charge.succeeded.json");
        String customer = "{\"id\":\"cus_dup\",\"object\":\"customer\",\"created\":1700000000}";
        // An unlisted field kept for the record inside it, then replaced by a scalar and by an empty object;
        // a metadata value replaced by an object (which metadata leaves out).
        for (String later : List.of("5", "{}", "[1]")) {
            String body = sample.replace("\"fraud_details\": {}", "\"fraud_details\": " + customer)
                    .replace("\"transfer_group\": null", "\"transfer_group\": null, \"fraud_details\": " + later)
                    .replace("\"metadata\": {}", "\"metadata\": {\"order\": \"o-1\", \"order\": {\"x\": 1}}");
            // What the whole tree makes of it: neither the customer record nor the metadata value.
            assertThat(outcome(Json.parse(body), body)).doesNotContain("\"type\":\"customer\"")
                    .doesNotContain("\"order\":\"o-1\"");
            assertThat(outcome(StripeEventReader.read(body), body)).isEqualTo(outcome(Json.parse(body), body));
        }
    }

    /** The decision as JSON text, or the rejection: what the provider would queue or answer. */
    private static String outcome(JsonNode event, String raw) {
        try {
            return Json.write(StripeNormalizer.normalize(event, raw, "site_reader", NOW));
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    // ---- variants -------------------------------------------------------------------------------

    private static final List<String> NAMES = List.of("id", "object", "amount", "currency", "status", "created",
            "metadata", "charges", "refunds", "data", "latest_charge", "outcome", "customer", "source", "shipping",
            "items", "price", "type", "previous_attributes", "amount_refunded", "livemode", "zz_unknown", "lines");

    /** StripeEventReader.RECORD_TYPES in a fixed order, so that a seed replays. */
    private static final List<String> RECORD_TYPES = List.of("charge", "refund", "subscription", "customer", "price",
            "balance_transaction");

    private static String variant(String original, Random random) {
        JsonNode tree = Json.parse(original);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            List<ObjectNode> objects = new ArrayList<>();
            collect(tree, objects);
            ObjectNode target = objects.get(random.nextInt(objects.size()));
            List<String> names = new ArrayList<>();
            target.fieldNames().forEachRemaining(names::add);
            String name = names.isEmpty() || random.nextInt(3) == 0
                    ? NAMES.get(random.nextInt(NAMES.size())) : names.get(random.nextInt(names.size()));
            if (random.nextInt(5) == 0) {
                target.remove(name);
            } else {
                target.set(name, value(random, 0));
            }
        }
        String text = tree.toString();
        // Duplicate keys cannot live in a tree: write some into the text, first or last in an object.
        int duplicates = random.nextInt(3);
        for (int d = 0; d < duplicates; d++) {
            text = duplicate(text, random);
        }
        return text;
    }

    /** The text with one more field, first or last in a random object; unchanged if that is not JSON. */
    private static String duplicate(String text, Random random) {
        String field = "\"" + NAMES.get(random.nextInt(NAMES.size())) + "\":" + value(random, 0);
        boolean first = random.nextBoolean();
        List<Integer> at = new ArrayList<>();
        String marker = first ? "{\"" : "\"}";
        for (int i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) {
            at.add(i + 1);
        }
        if (at.isEmpty()) {
            return text;
        }
        int i = at.get(random.nextInt(at.size()));
        String out = text.substring(0, i) + (first ? field + "," : "," + field) + text.substring(i);
        try {
            Json.parse(out);
            return out;
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static void collect(JsonNode node, List<ObjectNode> out) {
        if (node.isObject()) {
            out.add((ObjectNode) node);
        }
        for (JsonNode child : node) {
            collect(child, out);
        }
    }

    private static JsonNode value(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 9 : 13)) {
            case 0 -> Json.MAPPER.getNodeFactory().nullNode();
            case 1 -> Json.MAPPER.getNodeFactory().numberNode(random.nextInt(5000));
            case 2 -> Json.MAPPER.getNodeFactory().numberNode(random.nextLong());
            case 3 -> Json.parse("123456789012345678901234567890");
            case 4 -> Json.MAPPER.getNodeFactory().numberNode(random.nextDouble() * 1000);
            case 5 -> Json.MAPPER.getNodeFactory().textNode(List.of("usd", "jpy", "succeeded", "pending", "charge",
                    "ch_1", "pi_1", "", "Jos\u00e9 \uD83D\uDE00").get(random.nextInt(9)));
            case 6 -> Json.MAPPER.getNodeFactory().booleanNode(random.nextBoolean());
            case 7 -> Json.parse("1e400");
            case 8 -> Json.object();
            case 9 -> recorded(random);
            case 10 -> {
                ArrayNode list = Json.MAPPER.createArrayNode();
                list.add(value(random, depth + 1));
                list.add(recorded(random));
                yield list;
            }
            case 11 -> {
                ObjectNode list = Json.object();
                list.put("object", "list");
                list.set("data", Json.MAPPER.createArrayNode().add(value(random, depth + 1)).add(recorded(random)));
                yield list;
            }
            default -> {
                ObjectNode wrapper = Json.object();
                wrapper.set(NAMES.get(random.nextInt(NAMES.size())), value(random, depth + 1));
                yield wrapper;
            }
        };
    }

    /** An object of a recorded type, complete enough to become a record. */
    private static ObjectNode recorded(Random random) {
        ObjectNode o = Json.object();
        String type = RECORD_TYPES.get(random.nextInt(RECORD_TYPES.size()));
        o.put("id", type.substring(0, 2) + "_gen" + random.nextInt(1000));
        o.put("object", type);
        o.put("amount", 100 + random.nextInt(100));
        o.put("currency", "usd");
        o.put("status", "succeeded");
        o.put("created", 1700000000L + random.nextInt(1000));
        o.put("customer", "cus_gen");
        o.put("active", true);
        o.put("type", "one_time");
        o.putObject("metadata").put("order", "o-" + random.nextInt(100)).put("n", random.nextInt(5));
        return o;
    }
}

package dev.orderhub.local.proof;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.local.ColdStart;
import dev.orderhub.local.DemoSite;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.SamTemplate;
import dev.orderhub.local.TestHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.orderhub.json.Json;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each function's deployable jar, alone on the class path of a fresh JVM with Lambda-like flags
 * and only environment-variable configuration (as on Lambda), handles one of its sample events
 * against the stand-ins. Catches a jar that lacks a class it needs (a missing SDK client, say),
 * which tests on the full class path cannot see. (`./orderhub coldstart` times the same runs.)
 */
class FunctionJarProof {
    /** The budget for each deployable jar, 12 decimal megabytes, to keep cold starts short (BENCHMARKS.md section 3). */
    static final long JAR_BUDGET_BYTES = 12_000_000;

    private static ColdStart coldStart;

    @BeforeAll
    static void prepare() throws IOException {
        TestHub.get();
        DemoSite.seed(TestHub.stack());
        coldStart = new ColdStart(TestHub.get());
    }

    static Stream<String> functions() throws IOException {
        return SamTemplate.read(LocalHub.findRoot().resolve("template.yaml")).functions().stream()
                .map(SamTemplate.Function::logicalId);
    }

    /** A size check, not a timing: the shaded jar's size is deterministic for a given build. */
    @ParameterizedTest
    @MethodSource("functions")
    void staysWithinTheJarBudget(String functionId) throws IOException {
        Path jar = coldStart.jar(functionId);
        assertThat(jar).as("run `mvn package` first").exists();
        assertThat(Files.size(jar)).as("%s is %,d bytes; the budget is %,d (what dominates a jar: `unzip -l`, BENCHMARKS.md section 3)",
                jar.getFileName(), Files.size(jar), JAR_BUDGET_BYTES).isLessThanOrEqualTo(JAR_BUDGET_BYTES);
    }

    /**
     * The SnapStart priming hooks, run from the jar alone as a checkpoint would run them after
     * init, complete without a failure and leave the function able to handle its event.
     */
    @ParameterizedTest
    @MethodSource("functions")
    void primesFromItsJarAlone(String functionId) throws Exception {
        SamTemplate.Function f = TestHub.get().template().function(functionId);
        Path event = coldStart.sampleEventFor(functionId).orElseThrow();
        ColdStart.Run run = coldStart.run(coldStart.jar(functionId).toString(), f.handler(), event, List.of(), true);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.result()).as(run.output()).isNotNull();
        assertThat(run.output()).as("priming ran").contains("\"message\":\"primed\"").doesNotContain("priming failed");
    }

    /**
     * Configured as on AWS (no endpoint overrides), the handler builds its clients from the jar
     * alone: the jars leave out the SDK's endpoint metadata of every AWS service, which a client
     * without an explicit endpoint would load (AwsClients). China's partition included.
     */
    @ParameterizedTest
    @MethodSource("functions")
    void initsFromItsJarAloneWithAwsEndpoints(String functionId) throws Exception {
        SamTemplate.Function f = TestHub.get().template().function(functionId);
        for (String region : List.of("eu-central-1", "cn-north-1")) {
            ColdStart.Run run = coldStart.initAsOnAws(coldStart.jar(functionId).toString(), f.handler(), region);
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.result()).as(run.output()).isNotNull();
            assertThat(run.output()).as("no endpoint metadata needed").doesNotContain("NoClassDefFoundError");
        }
    }

    /** The bounce in events/mail-events-bounce.json, about an e-mail the hub sent for this order. */
    private static final String BOUNCED_MESSAGE = "EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000";
    private static final String BOUNCED_ORDER = "kofi_bouncedmailjartestaa";

    /**
     * Each jar answers its own sample event with the answer that event should get (the demo
     * site's secrets sign the callback samples): a callback is accepted, the intent created, the
     * admin page's orders listed, a batch processed without failures, the bounce recorded on
     * its order. A jar that ran but answered anything else is a failure.
     */
    @ParameterizedTest
    @MethodSource("functions")
    void runsFromItsJarAlone(String functionId) throws Exception {
        LocalHub hub = TestHub.get();
        SamTemplate.Function f = hub.template().function(functionId);
        Path jar = coldStart.jar(functionId);
        assertThat(jar).as("run `mvn package` first").exists();
        Path event = coldStart.sampleEventFor(functionId).orElseThrow(() -> new AssertionError("no events/*.json for " + functionId));
        if (functionId.equals("StripeCallbackFunction")) {
            event = restamped(event); // Stripe signs a timestamp that goes stale after 300 s
        }
        if (functionId.equals("MailEventsFunction")) {
            bouncedMailOf();
        }

        ColdStart.Run run = coldStart.run(jar.toString(), f.handler(), event, List.of());
        String output = run.output();
        assertThat(run.exitCode()).as(output).isZero();
        JsonNode result = run.result();
        assertThat(result).as(output).isNotNull();
        switch (functionId) {
            case "KofiCallbackFunction", "BmcCallbackFunction", "ShopifyCallbackFunction" -> {
                assertThat(result.get("statusCode").asInt()).as(output).isEqualTo(200);
                assertThat(result.get("body").asText()).as(output).isEqualTo("{\"status\":\"accepted\"}");
            }
            case "StripeCallbackFunction" -> { // Stripe's own success shape
                assertThat(result.get("statusCode").asInt()).as(output).isEqualTo(200);
                assertThat(result.get("body").asText()).as(output).isEqualTo("{\"received\":true}");
            }
            case "XsollaCallbackFunction" -> {
                assertThat(result.get("statusCode").asInt()).as(output).isEqualTo(204);
                assertThat(result.get("body").isNull()).as(output).isTrue();
            }
            case "IntentsApiFunction" -> {
                assertThat(result.get("statusCode").asInt()).as(output).isEqualTo(201);
                JsonNode body = Json.parse(result.get("body").asText());
                assertThat(body.get("intentId").asText()).as(output).matches("in_[a-z0-9]{20}");
                assertThat(body.get("statusToken").asText()).as(output).startsWith("st_");
            }
            case "AdminApiFunction" -> {
                assertThat(result.get("statusCode").asInt()).as(output).isEqualTo(200);
                JsonNode orders = Json.parse(result.get("body").asText()).get("orders");
                assertThat(orders.isArray() && orders.size() > 0).as("the demo site's orders: " + output).isTrue();
                orders.forEach(o -> assertThat(o.get("clientId").asText()).isEqualTo(DemoSite.CLIENT_ID));
            }
            case "LiveStatusFunction" -> assertThat(result.get("statusCode").asInt()).as(output).isEqualTo(200);
            case "AdminAuthorizerFunction" -> {
                // Always "authorized": a bad key is told to the admin function as authenticated=false (see the authorizer).
                assertThat(result.get("authorizer").get("isAuthorized").asBoolean()).as(output).isTrue();
                assertThat(result.get("authorizer").get("context").get("authenticated").asText()).as(output).isEqualTo("true");
                assertThat(result.get("authorizer").get("context").get("sites").asText()).as(output).isEqualTo(DemoSite.CLIENT_ID);
            }
            case "ReconcilerFunction" -> assertThat(result.get("summary").get("failed").asInt()).as(output).isZero();
            case "SyncSchedulerFunction" -> assertThat(result.get("summary").has("started")).as(output).isTrue();
            case "MailEventsFunction" -> {
                // An SNS subscriber returns nothing: its effect is the bounce on the order the e-mail was about.
                assertThat(result.get("returned").asText()).as(output).isEqualTo("nothing");
                var order = dev.orderhub.local.TestHub.stack().orders().find(DemoSite.CLIENT_ID, BOUNCED_ORDER).orElseThrow();
                assertThat(order.mailError()).as(output).isNotNull();
                assertThat(order.mailError().kind()).as(output).isEqualTo("bounce");
                assertThat(order.mailError().reason()).as(output).isEqualTo("Permanent");
            }
            default -> assertThat(result.get("batchItemFailures").asInt()).as(output).isZero(); // SQS and stream batches
        }
        System.out.println(functionId + " jar " + Files.size(jar) / 1024 + " KiB: " + result);
    }

    /** An order of the demo site and the e-mail the hub sent about it, which the sample bounce names. */
    private static void bouncedMailOf() {
        var hub = dev.orderhub.local.TestHub.stack();
        if (hub.orders().find(DemoSite.CLIENT_ID, BOUNCED_ORDER).isEmpty()) {
            hub.orders().save(new dev.orderhub.order.Order(DemoSite.CLIENT_ID, BOUNCED_ORDER, "kofi", "txn-bounced",
                    dev.orderhub.order.OrderStatus.PAID, dev.orderhub.order.OrderStatus.PAID,
                    dev.orderhub.money.Money.ofMinor(300, "USD"), null, 0, false, "Jo", "recipient@example.com", null,
                    List.of(), null, true, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", java.util.Set.of("bounce-sample"), java.util.Map.of(),
                    null, null, 0), 0);
        }
        hub.mailMessages().record(BOUNCED_MESSAGE, new dev.orderhub.mail.MailMessages.Sent(DemoSite.CLIENT_ID, BOUNCED_ORDER,
                dev.orderhub.mail.MailMessages.AUTO_REPLY), new dev.orderhub.mail.MailMessages.Details("thank-you", "en",
                "recipient@example.com", null));
    }

    /** The sample Stripe event signed again now with the demo site's secret, as `./orderhub invoke` does. */
    private static Path restamped(Path event) throws IOException {
        var e = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(Files.readString(event));
        byte[] body = e.path("isBase64Encoded").asBoolean() ? java.util.Base64.getDecoder().decode(e.get("body").asText())
                : e.get("body").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var headers = (com.fasterxml.jackson.databind.node.ObjectNode) e.get("headers");
        String name = headers.has("stripe-signature") ? "stripe-signature" : "Stripe-Signature";
        headers.put(name, dev.orderhub.provider.stripe.StripeSignature.header(body,
                DemoSite.SECRETS.get("stripe").get(dev.orderhub.provider.stripe.StripeProvider.WEBHOOK_SECRET), java.time.Instant.now().getEpochSecond()));
        Path out = Files.createTempFile("stripe-restamped", ".json");
        Files.writeString(out, e.toString());
        out.toFile().deleteOnExit();
        return out;
    }
}

package dev.orderhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
class FunctionJarTest {
    /** Issue 7's budget for each deployable jar, in decimal megabytes (BENCHMARKS.md section 3). */
    static final long JAR_BUDGET_BYTES = 12_000_000;

    private static ColdStart coldStart;

    @BeforeAll
    static void prepare() throws IOException {
        TestHub.get();
        DemoSite.seed();
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

    @ParameterizedTest
    @MethodSource("functions")
    void runsFromItsJarAlone(String functionId) throws Exception {
        LocalHub hub = TestHub.get();
        SamTemplate.Function f = hub.template().function(functionId);
        Path jar = coldStart.jar(functionId);
        assertThat(jar).as("run `mvn package` first").exists();
        Path event = coldStart.sampleEventFor(functionId).orElseThrow(() -> new AssertionError("no events/*.json for " + functionId));

        ColdStart.Run run = coldStart.run(jar.toString(), f.handler(), event, List.of());
        String output = run.output();
        assertThat(run.exitCode()).as(output).isZero();
        JsonNode result = run.result();
        assertThat(result).as(output).isNotNull();
        if (result.has("statusCode")) {
            assertThat(result.get("statusCode").asInt()).as(output).isBetween(200, 499);
            assertThat(result.get("statusCode").asInt()).as("a 404/401 means the jar ran; a 5xx that it could not: " + output).isLessThan(500);
        } else if (result.has("authorizer")) {
            // Always "authorized": a bad key is told to the admin function as authenticated=false (see the authorizer).
            assertThat(result.get("authorizer").get("isAuthorized").asBoolean()).as(output).isTrue();
            assertThat(result.get("authorizer").get("context").has("authenticated")).as(output).isTrue();
        } else if (result.has("summary")) { // a scheduled run's summary: the reconciler's look-ups, the scheduler's starts
            assertThat(result.get("summary").has(functionId.equals("ReconcilerFunction") ? "checked" : "started")).as(output).isTrue();
        } else if (result.has("returned")) {
            // an SNS subscriber returns nothing: exit code 0 above says the invocation completed
        } else {
            assertThat(result.get("batchItemFailures").asInt()).as(output).isZero();
        }
        System.out.println(functionId + " jar " + Files.size(jar) / 1024 + " KiB: " + result);
    }
}

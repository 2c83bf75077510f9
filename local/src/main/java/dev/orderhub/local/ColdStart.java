package dev.orderhub.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.crypto.Signatures;
import dev.orderhub.json.Json;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Runs a function's deployable jar alone in a fresh JVM through {@link JarRunner}, with Lambda's
 * JVM flags and environment-only configuration, against a running {@link LocalHub}: what
 * FunctionJarProof asserts and what {@code ./orderhub coldstart} reports (with a hello-world
 * handler measured the same way as the floor).
 */
public final class ColdStart {
    /** The JVM flags the java21 runtime uses (tiered compilation stopped at C1) and the template's memory. */
    public static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xmx512m",
            "-Xshare:auto");

    private final LocalHub hub;
    private final Path runnerDir;

    public record Run(String output, int exitCode, JsonNode result) {}

    public ColdStart(LocalHub hub) throws IOException {
        this.hub = hub;
        // Only the runner class itself, so nothing but the function jar can satisfy a class lookup.
        runnerDir = Files.createTempDirectory("jar-runner");
        Path target = runnerDir.resolve("dev/orderhub/local");
        Files.createDirectories(target);
        for (String name : List.of("JarRunner.class", "JarRunner$RunnerContext.class", "JarRunner$RunnerContext$1.class")) {
            try (InputStream in = JarRunner.class.getResourceAsStream(name)) {
                if (in != null) {
                    Files.copy(in, target.resolve(name));
                }
            }
        }
    }

    /** One fresh JVM: the class path, the handler, one event; extra JVM flags first. */
    public Run run(String classPath, String handler, Path event, List<String> extraFlags) throws IOException, InterruptedException {
        return run(classPath, handler, event, extraFlags, false);
    }

    /** As {@link #run(String, String, Path, List)}; with {@code prime}, the SnapStart priming hooks run between init and the event. */
    public Run run(String classPath, String handler, Path event, List<String> extraFlags, boolean prime)
            throws IOException, InterruptedException {
        return start(classPath, handler, event.toString(), extraFlags, prime ? "--prime" : null, LocalHub.REGION, true);
    }

    /**
     * Only the init phase, configured as on AWS: no endpoint overrides, so each client gets the
     * regional endpoint of {@code region} (nothing is called). Proves a jar builds its clients
     * without the SDK classes it leaves out.
     */
    public Run initAsOnAws(String classPath, String handler, String region) throws IOException, InterruptedException {
        return start(classPath, handler, "-", List.of(), "--init-only", region, false);
    }

    private Run start(String classPath, String handler, String event, List<String> extraFlags, String mode, String region,
            boolean standIns) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(LAMBDA_FLAGS);
        cmd.addAll(extraFlags);
        cmd.addAll(List.of("-cp", classPath + File.pathSeparator + runnerDir, JarRunner.class.getName(), handler, event));
        if (mode != null) {
            cmd.add(mode);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_REGION", region);
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        for (String name : List.of("AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_SES", "TABLE_NAME",
                "EVENTS_QUEUE_URL", "DEAD_LETTER_QUEUE_URL", "WORKFLOW_RUNS_QUEUE_URL", "WORKFLOW_RUNS_DEAD_LETTER_QUEUE_URL", "STATUS_CHANGES_QUEUE_URL",
                "LIVE_STATUS_ENDPOINT", "SEALING_LOCAL_KEY")) {
            String value = hub.environment().get(name);
            if (value != null && (standIns || !name.startsWith("AWS_ENDPOINT_URL"))) {
                env.put(name, value);
            }
        }
        env.put("OPERATOR_KEY_HASH", Signatures.sha256Hex(hub.operatorKey()));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Run(output, -1, null);
        }
        JsonNode result = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                .map(l -> Json.parse(l.substring(7))).orElse(null);
        return new Run(output, p.exitValue(), result);
    }

    public Path jar(String functionId) {
        return hub.root().resolve(hub.template().function(functionId).jar());
    }

    /**
     * The first events/*.json that targets this function: by route key for HTTP functions, by the
     * queue named in eventSourceARN for SQS consumers, by the rule in resources for scheduled ones,
     * by the route it asks about for an authorizer, by the topic in TopicArn (CloudFormation names it
     * <stack>-<logical id>-<suffix>) for SNS subscribers.
     */
    public Optional<Path> sampleEventFor(String functionId) throws IOException {
        try (Stream<Path> files = Files.list(hub.root().resolve("events"))) {
            for (Path p : files.sorted().toList()) {
                if (p.toString().endsWith(".json") && functionId.equals(functionFor(hub.template(), Json.parse(Files.readString(p))))) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** The template's function a sample event is for, or null when none takes it. */
    public static String functionFor(SamTemplate template, JsonNode event) {
        if (event.has("Records") && "aws:sns".equals(event.get("Records").get(0).path("EventSource").asText())) {
            String topicArn = event.get("Records").get(0).path("Sns").path("TopicArn").asText();
            return template.snsSources().stream().filter(t -> topicArn.contains("-" + t.topicId() + "-")).findFirst()
                    .map(SamTemplate.SnsSource::functionId).orElse(null);
        }
        if (event.has("Records")) {
            String arn = event.get("Records").get(0).path("eventSourceARN").asText();
            return template.sqsSources().stream().filter(s -> arn.endsWith("-" + s.queueId())).findFirst()
                    .map(SamTemplate.SqsSource::functionId).orElse(null);
        }
        if (isScheduledEvent(event)) { // the rule's ARN names the function (<stack>-<logical id><event>)
            String rule = event.path("resources").path(0).asText();
            return template.schedules().stream().filter(s -> rule.contains("-" + s.functionId())).findFirst()
                    .map(SamTemplate.ScheduleSource::functionId).orElse(null);
        }
        if (event.path("requestContext").has("eventType")) { // WebSocket: the route key is in the request context
            String routeKey = event.path("requestContext").path("routeKey").asText();
            return template.webSocketRoutes().stream().filter(r -> r.routeKey().equals(routeKey)).findFirst()
                    .map(SamTemplate.WebSocketRoute::functionId).orElse(null);
        }
        String routeKey = event.path("routeKey").asText();
        if (isAuthorizerEvent(event)) { // the authorizer in front of the route it asks about
            return template.routes().stream().filter(r -> r.routeKey().equals(routeKey)).findFirst()
                    .map(template::authorizerFunction).orElse(null);
        }
        return template.routes().stream().filter(r -> r.routeKey().equals(routeKey)).findFirst()
                .map(SamTemplate.Route::functionId).orElse(null);
    }

    /** A Lambda authorizer's REQUEST event (payload 2.0): it names the route's ARN. */
    public static boolean isAuthorizerEvent(JsonNode event) {
        return "REQUEST".equals(event.path("type").asText()) && event.has("routeArn");
    }

    /** An EventBridge scheduled event, as a Schedule-triggered function receives it. */
    public static boolean isScheduledEvent(JsonNode event) {
        return "aws.events".equals(event.path("source").asText()) && "Scheduled Event".equals(event.path("detail-type").asText());
    }

    /**
     * A hello-world handler (returns 200, touches nothing) compiled now into a jar with only
     * what JarRunner itself needs next to it (Lambda core and events, Jackson): the floor a
     * function's cold start is compared with.
     */
    public String helloClassPath() throws IOException {
        Path dir = Files.createTempDirectory("hello-handler");
        Path src = dir.resolve("Hello.java");
        Files.writeString(src, """
                public class Hello implements com.amazonaws.services.lambda.runtime.RequestHandler<
                        com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent,
                        com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse> {
                    public com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse handleRequest(
                            com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent e,
                            com.amazonaws.services.lambda.runtime.Context c) {
                        return com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse.builder()
                                .withStatusCode(200).withBody("hello").build();
                    }
                }
                """);
        List<String> libs = new ArrayList<>();
        try (Stream<Path> jars = Files.list(hub.root().resolve("local/target/lib"))) {
            jars.map(Path::toString).filter(n -> n.contains("aws-lambda-java-core") || n.contains("aws-lambda-java-events")
                    || n.contains("jackson-core") || n.contains("jackson-databind") || n.contains("jackson-annotations"))
                    .forEach(libs::add);
        }
        String cp = String.join(File.pathSeparator, libs);
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-cp", cp, "-d", dir.toString(), src.toString());
        if (rc != 0) {
            throw new IOException("could not compile the hello-world handler");
        }
        Path jar = dir.resolve("hello.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("Hello.class"));
            j.write(Files.readAllBytes(dir.resolve("Hello.class")));
            j.closeEntry();
        }
        return jar + File.pathSeparator + cp;
    }

    /**
     * `./orderhub coldstart`: every function and the hello-world floor, with jar sizes, classes
     * loaded (by origin), and the effect of the SnapStart priming hooks as far as one JVM can show it.
     */
    public static int command(String[] args) throws Exception {
        PrintStream out = System.out;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (LocalHub hub = dev.orderhub.local.load.LoadCommand.quietHub()) {
            DemoSite.seed(hub.stack());
            ColdStart cs = new ColdStart(hub);
            out.printf(Locale.ROOT, "cold start, fresh JVM per run, %s, best of %d (ms from JVM start)%n", LAMBDA_FLAGS, runs);
            out.printf(Locale.ROOT, "%-26s %7s %7s %6s %9s %8s %6s %7s %6s %6s %6s %7s %9s%n", "function", "jar MB", "toInit",
                    "init", "1stInvoke", "toAnswer", "xfloor", "classes", "sdk", "jackson", "jdk", "prime", "primed1st");
            Path helloEvent = cs.sampleEventFor(hub.template().functions().get(0).logicalId()).orElseThrow();
            String helloCp = cs.helloClassPath();
            long helloBytes = 0; // what its deployable jar would hold: the class and the libraries JarRunner needs
            for (String part : helloCp.split(File.pathSeparator)) {
                helloBytes += Files.size(Path.of(part));
            }
            long floor = report(out, cs, "hello-world (floor)", helloCp, "Hello::handleRequest", helloEvent, helloBytes, runs, -1, false);
            boolean ok = floor > 0;
            for (SamTemplate.Function f : hub.template().functions()) {
                Path event = cs.sampleEventFor(f.logicalId()).orElseThrow();
                Path jar = cs.jar(f.logicalId());
                ok &= report(out, cs, f.logicalId(), jar.toString(), f.handler(), event, Files.size(jar), runs, floor, true) > 0;
            }
            out.println("jar MB = bytes / 10^6. toAnswer = JVM start to first response; xfloor = toAnswer / the floor's.");
            out.println("classes = loaded in one more run (-Xlog:class+load): sdk = software.amazon.awssdk, jackson = com.fasterxml, jdk = java/javax/jdk/sun.");
            out.println("prime = the SnapStart priming hooks (Priming.runAllNow) run after init in the same JVM; primed1st = the first");
            out.println("invoke after them: what a container restored from a SnapStart snapshot would still pay, minus the restore itself");
            out.println("(not measurable here). An emulation in one JVM, not a Lambda measurement.");
            return ok ? 0 : 1;
        }
    }

    /** Prints one row; returns the best JVM-start-to-first-answer in ms, or -1 when a run failed. */
    private static long report(PrintStream out, ColdStart cs, String name, String cp, String handler, Path event, long bytes,
            int runs, long floor, boolean primeable) throws Exception {
        JsonNode best = best(out, cs, name, cp, handler, event, runs, false);
        JsonNode primed = primeable ? best(out, cs, name, cp, handler, event, runs, true) : null;
        if (best == null || (primeable && primed == null)) {
            return -1;
        }
        Run counted = cs.run(cp, handler, event, List.of("-Xlog:class+load=info:stdout"));
        List<String> loaded = counted.output().lines().filter(l -> l.contains("[class,load]"))
                .map(l -> l.substring(l.indexOf("[class,load]") + 12).trim()).toList();
        long toAnswer = best.get("jvmStartToFirstResponseMs").asLong();
        out.printf(Locale.ROOT, "%-26s %7.2f %7d %6d %9d %8d %6s %7d %6d %7d %6d %7s %9s%n", name, bytes / 1e6,
                best.get("jvmStartToInitDoneMs").asLong(), best.get("initMs").asLong(), best.get("firstInvokeMs").asLong(),
                toAnswer, floor > 0 ? String.format(Locale.ROOT, "%.1f", (double) toAnswer / floor) : "1.0", loaded.size(),
                count(loaded, "software.amazon.awssdk."), count(loaded, "com.fasterxml."),
                count(loaded, "java.", "javax.", "jdk.", "sun.", "com.sun."),
                primed == null ? "-" : String.valueOf(primed.get("primeMs").asLong()),
                primed == null ? "-" : String.valueOf(primed.get("firstInvokeMs").asLong()));
        return toAnswer;
    }

    /** The run with the shortest first invocation (primed) or JVM start to first answer (not primed), of {@code runs}. */
    private static JsonNode best(PrintStream out, ColdStart cs, String name, String cp, String handler, Path event, int runs,
            boolean prime) throws Exception {
        String key = prime ? "firstInvokeMs" : "jvmStartToFirstResponseMs";
        JsonNode best = null;
        for (int i = 0; i < runs; i++) {
            Run r = cs.run(cp, handler, event, List.of(), prime);
            if (r.result() == null) {
                out.println(name + (prime ? " (primed)" : "") + ": failed\n" + r.output());
                return null;
            }
            if (best == null || r.result().get(key).asLong() < best.get(key).asLong()) {
                best = r.result();
            }
        }
        return best;
    }

    private static long count(List<String> classes, String... prefixes) {
        return classes.stream().filter(c -> Stream.of(prefixes).anyMatch(c::startsWith)).count();
    }
}

package dev.orderhub.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.orderhub.json.Json;
import dev.orderhub.local.sign.CallbackSigner;
import dev.orderhub.local.sign.Signers;
import dev.orderhub.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local-mode command line.
 * <pre>
 *   start  [--port N] [--dynamodb-port N] [--sqs-port N] [--ses-port N] [--ws-port N]
 *                                          the whole stack with a demo site (default port 3000, stand-ins on free ports)
 *   invoke &lt;FunctionLogicalId&gt; &lt;event.json&gt;   one function, one event, like `sam local invoke -e`
 *   reconcile [--port N]                   one reconciliation run against the running `start` stack
 *                                          (or a fresh one), then a summary line
 *   sign   &lt;provider&gt; &lt;payload.json&gt; [baseUrl] [-H 'Name: value']...
 *                                          a curl command sending the payload signed for the demo site;
 *                                          -H adds delivery headers (Shopify: -H 'X-Shopify-Topic: orders/paid')
 *   load   [N] [--rate R]                   N signed callbacks through the whole stack; rates, latencies, lost/duplicated
 *                                          (--rate: R callbacks a second instead of a burst)
 *   coldstart [runs]                        every function's jar alone in a fresh JVM vs a hello-world handler
 *   costs  [N]                              a load run per provider: AWS requests, Lambda GB-s per 1,000 callbacks
 *   fault  [N] [seconds]                    a load run with DynamoDB, then SES, frozen (SIGSTOP) for a while in the middle
 *   smoke  &lt;ApiBaseUrl&gt; &lt;operatorKey&gt;      a signed callback per provider against a deployed stack, PASS/FAIL each
 * </pre>
 */
public final class LocalMode {
    private static final Pattern CALLBACK_ROUTE = Pattern.compile("POST /callbacks/([a-z0-9_-]+)/\\{clientId}");

    private LocalMode() {}

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "start" : args[0];
        switch (command) {
            case "start" -> start(args);
            case "invoke" -> System.exit(invoke(args));
            case "sign" -> System.exit(sign(args));
            case "reconcile" -> System.exit(reconcile(args));
            case "load" -> System.exit(dev.orderhub.local.load.LoadCommand.run(args));
            case "fault" -> System.exit(dev.orderhub.local.load.FaultRun.command(args));
            case "coldstart" -> System.exit(ColdStart.command(args));
            case "costs" -> System.exit(dev.orderhub.local.load.CostsCommand.run(args));
            case "smoke" -> System.exit(SmokeRun.command(args));
            default -> {
                System.err.println("usage: start [--port N] [--dynamodb-port N] [--sqs-port N] [--ses-port N] [--ws-port N]"
                        + " [--reconcile-every MINUTES] | invoke <FunctionLogicalId> <events/file.json>"
                        + " | reconcile [--port N]"
                        + " | sign <provider> <payload.json> [baseUrl] [-H 'Name: value']...");
                System.exit(2);
            }
        }
    }

    private static void start(String[] args) throws Exception {
        int port = 3000;
        int dynamoPort = 0;
        int sqsPort = 0;
        int sesPort = 0;
        int wsPort = 0;
        java.time.Duration reconcileEvery = null; // the template's schedule
        for (int i = 1; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> port = Integer.parseInt(value);
                case "--dynamodb-port" -> dynamoPort = Integer.parseInt(value);
                case "--sqs-port" -> sqsPort = Integer.parseInt(value);
                case "--ses-port" -> sesPort = Integer.parseInt(value);
                case "--ws-port" -> wsPort = Integer.parseInt(value);
                case "--reconcile-every" -> reconcileEvery = java.time.Duration.ofMinutes(Long.parseLong(value));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        LocalHub hub = LocalHub.start(new LocalHub.Options(port, 0, true, reconcileEvery,
                new StandIns.Ports(dynamoPort, sqsPort, sesPort), wsPort));
        Path stateFile = RunningStack.write(hub);
        int gatewayPort = hub.port();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            RunningStack.delete(hub.root(), gatewayPort);
            hub.close();
            stop.countDown();
        }));
        DemoSite demo = DemoSite.seed(hub.stack());
        String base = hub.baseUrl().toString();
        PrintStream out = System.out;
        out.println();
        out.println("orderhub local mode is up.");
        out.println("  API:            " + base);
        out.println("  admin page:     " + base + "/admin/ui/   (sign in with the client id and admin key below)");
        out.println("  API description:" + " " + base + "/openapi.yaml");
        out.println("  live status:    " + hub.liveStatusUrl() + "   (WebSocket; send {\"action\":\"subscribe\",...})");
        out.println("  demo client id: " + demo.clientId());
        out.println("  demo admin key: " + demo.adminKey() + "   (owner of the demo site)");
        out.println("  operator key:   " + hub.operatorKey() + "   (may create sites)");
        out.println("  Ko-fi token:    " + DemoSite.KOFI_TOKEN);
        out.println("  Xsolla secret:  " + DemoSite.XSOLLA_SECRET);
        out.println("  BMC secret:     " + DemoSite.BMC_SIGNING_SECRET);
        out.println("  Shopify secret: " + DemoSite.SHOPIFY_CLIENT_SECRET);
        out.println("  Stripe secret:  " + DemoSite.STRIPE_SECRET);
        out.println("  sent e-mails:   " + hub.mailUrl() + "   (web view: " + hub.sesUrl() + ")");
        out.println("  table:          " + hub.tableName(hub.template().tables().get(0).logicalId()));
        out.println();
        out.println("The AWS CLI or SDK against the stand-ins (any credentials; paste into a shell):");
        hub.endpoints().forEach((name, url) -> out.println("  export " + name + "=" + url));
        out.println("  export AWS_REGION=" + LocalHub.REGION + " AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local");
        out.println();
        out.println("Send a signed sample callback (one per provider; payloads from the providers' docs):");
        for (var sample : DemoSamples.all()) {
            var signer = dev.orderhub.local.sign.Signers.find(sample.provider()).orElseThrow();
            out.println("  # " + sample.description());
            out.println("  " + curl(base + "/callbacks/" + sample.provider() + "/" + demo.clientId(),
                    signer.sign(sample.payload(), DemoSite.SECRETS.get(sample.provider()), java.time.Instant.now(),
                            sample.headers())));
        }
        out.println("Record a payment intent as the site's buy button would (then put its reference in the Ko-fi message):");
        out.println("  curl -s -X POST " + base + "/sites/" + demo.clientId() + "/intents -H 'content-type: application/json'"
                + " -d '{\"buyerEmail\":\"jo@example.com\",\"amount\":\"3.00\",\"currency\":\"USD\",\"provider\":\"kofi\"}'");
        out.println("See the order:");
        out.println("  curl -s " + base + "/admin/sites/" + demo.clientId() + "/orders -H 'authorization: Bearer " + demo.adminKey() + "'");
        out.println();
        out.println("READY " + Json.write(ready(hub, demo, stateFile)));
        out.flush();
        stop.await();
    }

    /** Everything a script needs, on the one READY line (the banner above says the same for people). */
    static Map<String, Object> ready(LocalHub hub, DemoSite demo, Path stateFile) {
        String base = hub.baseUrl().toString();
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("baseUrl", base);
        ready.put("adminUrl", base + "/admin/ui/");
        ready.put("openapiUrl", base + "/openapi.yaml");
        ready.put("liveStatusUrl", hub.liveStatusUrl().toString());
        ready.put("clientId", demo.clientId());
        ready.put("adminKey", demo.adminKey());
        ready.put("operatorKey", hub.operatorKey());
        ready.put("kofiToken", DemoSite.KOFI_TOKEN);
        ready.put("mailUrl", hub.mailUrl().toString());
        ready.put("sesWebUrl", hub.sesUrl().toString());
        ready.put("region", LocalHub.REGION);
        ready.put("endpoints", hub.endpoints());
        ready.put("tableName", hub.tableName(hub.template().tables().get(0).logicalId()));
        Map<String, String> queues = new LinkedHashMap<>();
        hub.template().queues().forEach(q -> queues.put(q.logicalId(), hub.queueUrl(q.logicalId())));
        ready.put("queues", queues);
        ready.put("stateFile", stateFile.toString());
        return ready;
    }

    /**
     * One run of every Schedule-triggered function (the reconciler, the sync scheduler), like an EventBridge tick: in
     * the stack `start` is running, if there is one (its stand-ins, table and queue), else in a
     * fresh stack with the demo site. Prints one summary line per function.
     */
    static int reconcile(String[] args) throws IOException {
        Integer port = null;
        for (int i = 1; i < args.length; i++) {
            if ("--port".equals(args[i]) && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: reconcile [--port N]");
                return 2;
            }
        }
        JsonLog.redirect(System.err);
        java.util.Optional<Map<String, String>> running;
        try {
            running = RunningStack.read(LocalHub.findRoot(), port);
        } catch (IllegalStateException e) {
            System.err.println("orderhub: " + e.getMessage());
            return 2;
        }
        if (running.isPresent()) {
            SamTemplate runningTemplate = SamTemplate.read(LocalHub.findRoot().resolve("template.yaml"));
            java.util.Set<String> overridable = LocalHub.parameterVariables(runningTemplate);
            Map<String, String> environment = new java.util.HashMap<>();
            running.get().forEach((name, value) -> {
                // STRIPE_API_BASE=... ./orderhub reconcile: this command's environment wins over the stack's template value.
                if (!overridable.contains(name) || System.getenv(name) == null || System.getenv(name).isBlank()) {
                    environment.put(name, value);
                }
            });
            System.setProperty("aws.accessKeyId", "local");
            System.setProperty("aws.secretAccessKey", "local");
            // Every scheduled function with the running stack's configuration (all its functions' variables together).
            try (LambdaFunctions functions = new LambdaFunctions(runningTemplate, id -> LocalHub.configuration(environment))) {
                return runSchedules(runningTemplate, functions, "the running local stack");
            }
        }
        try (LocalHub hub = LocalHub.start(new LocalHub.Options(-1, 0, false, java.time.Duration.ZERO))) {
            DemoSite.seed(hub.stack());
            return runSchedules(hub.template(), hub.functions(), "a fresh local stack (no `./orderhub local` running)");
        }
    }

    private static int runSchedules(SamTemplate template, LambdaFunctions functions, String where) {
        for (SamTemplate.ScheduleSource s : template.schedules()) {
            System.err.println("orderhub: running " + s.functionId() + " once against " + where + "...");
            Object summary = functions.invoke(s.functionId(), LocalScheduler.scheduledEvent(s.functionId(), Instant.now()));
            if (summary instanceof Map<?, ?> m && m.containsKey("checked")) {
                System.out.println(s.functionId() + ": checked " + m.get("checked") + ", updated " + m.get("updated")
                        + ", still pending " + m.get("stillPending") + ", failed " + m.get("failed")
                        + ", gave up " + m.get("gaveUp"));
            } else {
                System.out.println(s.functionId() + ": " + summary);
            }
        }
        return 0;
    }

    /** Prints a ready-to-run curl command that sends the payload as the provider would, signed for the demo site. */
    public static int sign(String[] args) throws IOException {
        String usage = "usage: sign <provider> <payload.json | events/file.json> [baseUrl] [-H 'Name: value']...";
        if (args.length < 3) {
            System.err.println(usage);
            return 2;
        }
        var signer = dev.orderhub.local.sign.Signers.find(args[1]).orElse(null);
        if (signer == null || !DemoSite.SECRETS.containsKey(args[1])) {
            System.err.println("no signer for provider " + args[1]);
            return 2;
        }
        String base = "http://127.0.0.1:3000";
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            if ("-H".equals(args[i]) && i + 1 < args.length && args[i + 1].indexOf(':') > 0) {
                String h = args[++i];
                headers.put(h.substring(0, h.indexOf(':')).trim(), h.substring(h.indexOf(':') + 1).trim());
            } else if (i == 3 && !args[i].startsWith("-")) {
                base = args[i];
            } else {
                System.err.println(usage);
                return 2;
            }
        }
        String text = Files.readString(Path.of(args[2]));
        // An events/ file is an API Gateway event: sign the body the provider sent, with its delivery headers
        // (Shopify's topic); -H headers given here win over the file's.
        var delivery = dev.orderhub.local.sign.EventFileDelivery.read(text);
        Map<String, String> all = new LinkedHashMap<>(delivery.map(dev.orderhub.local.sign.EventFileDelivery::headers).orElse(Map.of()));
        all.putAll(headers);
        CallbackSigner.Signed signed;
        try {
            signed = dev.orderhub.local.sign.EventFileDelivery.oneValuePerHeader(signer.sign(
                    delivery.map(dev.orderhub.local.sign.EventFileDelivery::payload).orElse(text),
                    DemoSite.SECRETS.get(args[1]), java.time.Instant.now(), all));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        System.out.println(curl(base + "/callbacks/" + args[1] + "/" + DemoSite.CLIENT_ID, signed));
        return 0;
    }

    static String curl(String url, dev.orderhub.local.sign.CallbackSigner.Signed signed) {
        StringBuilder b = new StringBuilder("curl -s -X POST '").append(url).append("' -H 'content-type: ")
                .append(signed.contentType()).append("'");
        signed.headers().forEach((k, v) -> b.append(" -H '").append(k).append(": ").append(v).append("'"));
        b.append(" --data-binary '").append(signed.body().replace("'", "'\\''")).append("'");
        return b.toString();
    }

    /** Prints the function's response as JSON on stdout; logs go to stderr, as with sam local invoke. */
    static int invoke(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: invoke <FunctionLogicalId> <events/file.json>");
            return 2;
        }
        JsonLog.redirect(System.err);
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try (LocalHub hub = LocalHub.start(new LocalHub.Options(-1, 0, false, java.time.Duration.ZERO))) {
            DemoSite.seed(hub.stack());
            String result = invoke(hub, args[1], Path.of(args[2]));
            stdout.println(result);
            return 0;
        } finally {
            System.setOut(stdout);
        }
    }

    /**
     * Sample callbacks for the demo site whose provider signs a timestamp (Stripe) are signed
     * again now with the demo site's public secret, so events/*.json never go stale. Events for
     * any other site are sent exactly as written.
     */
    static APIGatewayV2HTTPEvent restampForDemoSite(APIGatewayV2HTTPEvent event) {
        String clientId = event.getPathParameters() == null ? null : event.getPathParameters().get("clientId");
        Matcher route = CALLBACK_ROUTE.matcher(event.getRouteKey() == null ? "" : event.getRouteKey());
        if (!DemoSite.CLIENT_ID.equals(clientId) || !route.matches()) {
            return event;
        }
        String provider = route.group(1);
        Map<String, String> secrets = DemoSite.SECRETS.get(provider);
        return secrets == null ? event : Signers.find(provider)
                .map(signer -> signer.restamp(event, secrets, Instant.now())).orElse(event);
    }

    /** Deserializes the event file as the Lambda runtime does for the handler's event type, and invokes. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static String invoke(LocalHub hub, String functionId, Path eventFile) throws IOException {
        Path file = eventFile.isAbsolute() || Files.exists(eventFile) ? eventFile : hub.root().resolve(eventFile);
        Class<?> type = hub.functions().eventType(functionId);
        PojoSerializer in = LambdaEventSerializers.serializerFor(type, LocalMode.class.getClassLoader());
        Object event;
        try (InputStream s = Files.newInputStream(file)) {
            event = in.fromJson(s);
        }
        if (event instanceof APIGatewayV2HTTPEvent http) {
            event = restampForDemoSite(http);
        }
        Object response = hub.functions().invoke(functionId, event);
        if (response == null) {
            return "null";
        }
        PojoSerializer outSer = LambdaEventSerializers.serializerFor(response.getClass(), LocalMode.class.getClassLoader());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        outSer.toJson(response, buf);
        return buf.toString(StandardCharsets.UTF_8);
    }
}

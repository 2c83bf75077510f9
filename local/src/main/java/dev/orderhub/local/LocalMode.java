package dev.orderhub.local;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.orderhub.json.Json;
import dev.orderhub.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local-mode command line.
 * <pre>
 *   start  [--port N]                      the whole stack with a demo site (default port 3000)
 *   invoke &lt;FunctionLogicalId&gt; &lt;event.json&gt;   one function, one event, like `sam local invoke -e`
 *   sign   &lt;provider&gt; &lt;payload.json&gt; [baseUrl]  a curl command sending the payload signed for the demo site
 * </pre>
 */
public final class LocalMode {
    private LocalMode() {}

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "start" : args[0];
        switch (command) {
            case "start" -> start(args);
            case "invoke" -> System.exit(invoke(args));
            case "sign" -> System.exit(sign(args));
            default -> {
                System.err.println("usage: start [--port N] | invoke <FunctionLogicalId> <events/file.json>"
                        + " | sign <provider> <payload.json> [baseUrl]");
                System.exit(2);
            }
        }
    }

    private static void start(String[] args) throws Exception {
        int port = 3000;
        for (int i = 1; i < args.length; i++) {
            if ("--port".equals(args[i]) && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            }
        }
        LocalHub hub = LocalHub.start(new LocalHub.Options(port, 0, true));
        DemoSite demo = DemoSite.seed();
        String base = hub.baseUrl().toString();
        PrintStream out = System.out;
        out.println();
        out.println("orderhub local mode is up.");
        out.println("  API:            " + base);
        out.println("  demo client id: " + demo.clientId());
        out.println("  demo admin key: " + demo.adminKey() + "   (owner of the demo site)");
        out.println("  operator key:   " + hub.operatorKey() + "   (may create sites)");
        out.println("  Ko-fi token:    " + DemoSite.KOFI_TOKEN);
        out.println("  sent e-mails:   " + hub.mailUrl() + "   (web view: " + hub.sesUrl() + ")");
        out.println();
        out.println("Send a signed sample callback (one per provider; payloads from the providers' docs):");
        for (var sample : DemoSamples.all()) {
            var signer = dev.orderhub.local.sign.Signers.find(sample.provider()).orElseThrow();
            out.println("  # " + sample.description());
            out.println("  " + curl(base + "/callbacks/" + sample.provider() + "/" + demo.clientId(),
                    signer.sign(sample.payload(), DemoSite.SECRETS.get(sample.provider()), java.time.Instant.now())));
        }
        out.println("Record a payment intent as the site's buy button would (then put its reference in the Ko-fi message):");
        out.println("  curl -s -X POST " + base + "/sites/" + demo.clientId() + "/intents -H 'content-type: application/json'"
                + " -d '{\"buyerEmail\":\"jo@example.com\",\"amount\":\"3.00\",\"currency\":\"USD\",\"provider\":\"kofi\"}'");
        out.println("See the order:");
        out.println("  curl -s " + base + "/admin/sites/" + demo.clientId() + "/orders -H 'authorization: Bearer " + demo.adminKey() + "'");
        out.println();
        Map<String, String> ready = new LinkedHashMap<>();
        ready.put("baseUrl", base);
        ready.put("clientId", demo.clientId());
        ready.put("adminKey", demo.adminKey());
        ready.put("operatorKey", hub.operatorKey());
        ready.put("kofiToken", DemoSite.KOFI_TOKEN);
        ready.put("mailUrl", hub.mailUrl().toString());
        out.println("READY " + Json.write(ready));
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.close();
            stop.countDown();
        }));
        stop.await();
    }

    /** Prints a ready-to-run curl command that sends the payload as the provider would, signed for the demo site. */
    static int sign(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: sign <provider> <payload.json> [baseUrl]");
            return 2;
        }
        var signer = dev.orderhub.local.sign.Signers.find(args[1]).orElse(null);
        if (signer == null || !DemoSite.SECRETS.containsKey(args[1])) {
            System.err.println("no signer for provider " + args[1]);
            return 2;
        }
        String base = args.length > 3 ? args[3] : "http://127.0.0.1:3000";
        var signed = signer.sign(Files.readString(Path.of(args[2])), DemoSite.SECRETS.get(args[1]), java.time.Instant.now());
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
        try (LocalHub hub = LocalHub.start(new LocalHub.Options(-1, 0, false))) {
            DemoSite.seed();
            String result = invoke(hub, args[1], Path.of(args[2]));
            stdout.println(result);
            return 0;
        } finally {
            System.setOut(stdout);
        }
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

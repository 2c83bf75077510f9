package dev.orderhub.local.load;

import dev.orderhub.json.Json;
import dev.orderhub.local.LocalHub;
import dev.orderhub.log.JsonLog;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code ./orderhub load [N]}: the whole stack in this JVM, N signed callbacks (default 2000)
 * through it, the report, and the bare substrate at the same concurrency for comparison. The
 * hub's log lines go to target/load.log. Exits non-zero if anything was lost or duplicated.
 */
public final class LoadCommand {
    private LoadCommand() {}

    public static int run(String[] args) throws Exception {
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        PrintStream report = System.out;
        try (LocalHub hub = quietHub()) {
            LoadRun.Options options = LoadRun.Options.of(n);
            report.printf(Locale.ROOT, "load: %d callbacks over %s, %d concurrent senders, loopback only%n",
                    n, options.providers(), options.concurrency());
            LoadResult result;
            LogVolume logs = LogVolume.count();
            try (logs) {
                result = new LoadRun(hub, options).printingProgress(System.err, java.time.Duration.ofSeconds(5)).run();
            }
            result.print(report);
            report.printf(Locale.ROOT, "CloudWatch Logs       %d bytes in %d lines (%d metric lines): %.0f bytes per 1,000 callbacks; %d distinct metrics%n",
                    logs.bytes(), logs.lines(), logs.metricLines(), logs.bytes() * 1000.0 / n, logs.metrics().size());
            String body = Json.write(java.util.Map.of("eventId", "evt_substrate", "payload", "x".repeat(1200)));
            System.err.println("load: the bare substrate at the same concurrency, for comparison...");
            double substrate = SubstrateRun.run(hub, n, options.concurrency(), body);
            report.printf(Locale.ROOT, "substrate             %.1f ops/s (1 SQS SendMessage + 1 DynamoDB PutItem each, same clients and stand-ins)%n",
                    substrate);
            report.printf(Locale.ROOT, "callbacks vs substrate %.0f %%%n", 100 * result.callbacksPerSecond() / substrate);
            report.println("LOAD " + Json.write(result.summary()));
            report.println(result.ok() ? "load: OK (0 lost, 0 duplicated)" : "load: FAILED");
            return result.ok() ? 0 : 1;
        }
    }

    /** A hub whose log lines and metrics go to target/load.log instead of the terminal. */
    public static LocalHub quietHub() throws IOException {
        Path log = LocalHub.findRoot().resolve("target/load.log");
        Files.createDirectories(log.getParent());
        PrintStream file = new PrintStream(new FileOutputStream(log.toFile()), true, "UTF-8");
        JsonLog.redirect(file);
        PrintStream terminal = System.out;
        System.setOut(file);
        try {
            // 5 s visibility: a message a matcher failed comes back within a run, not after the template's 180 s.
            return LocalHub.start(new LocalHub.Options(0, 5, true, java.time.Duration.ZERO));
        } finally {
            System.setOut(terminal);
        }
    }
}

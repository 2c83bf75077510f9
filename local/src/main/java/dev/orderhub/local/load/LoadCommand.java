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
 * {@code ./orderhub load [N] [--rate R]}: the whole stack in this JVM, N signed callbacks (default
 * 2000) through it, the report, and (unpaced) the bare substrate at the same concurrency for
 * comparison. {@code --rate R} offers R callbacks a second instead of a burst (see {@link LoadRun}).
 * The hub's log lines go to target/load.log. Exits non-zero if anything was lost or duplicated,
 * 2 on a malformed argument.
 */
public final class LoadCommand {
    private LoadCommand() {}

    public static int run(String[] args) throws Exception {
        LoadRun.Options options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println("load: " + e.getMessage() + "; usage: load [N] [--rate callbacks-per-second]");
            return 2;
        }
        int n = options.callbacks();
        PrintStream report = System.out;
        try (LocalHub hub = quietHub()) {
            report.printf(Locale.ROOT, "load: %d callbacks over %s, %d concurrent senders, %s, loopback only%n",
                    n, options.providers(), options.concurrency(),
                    options.paced() ? String.format(Locale.ROOT, "paced at %.1f/s", options.rate()) : "unpaced");
            LoadResult result;
            LogVolume logs = LogVolume.count();
            try (logs) {
                result = new LoadRun(hub, options).printingProgress(System.err, java.time.Duration.ofSeconds(5)).run();
            }
            result.print(report);
            report.printf(Locale.ROOT, "CloudWatch Logs       %d bytes in %d lines (%d metric lines): %.0f bytes per 1,000 callbacks; %d distinct metrics%n",
                    logs.bytes(), logs.lines(), logs.metricLines(), logs.bytes() * 1000.0 / n, logs.metrics().size());
            if (options.paced()) {
                // The callback rate is the offered one: comparing it with the substrate says nothing.
                report.println("substrate             not measured (paced run; the unpaced run compares callbacks with it)");
            } else {
                String body = Json.write(java.util.Map.of("eventId", "evt_substrate", "payload", "x".repeat(1200)));
                System.err.println("load: the bare substrate at the same concurrency, for comparison...");
                double substrate = SubstrateRun.run(hub, n, options.concurrency(), body);
                report.printf(Locale.ROOT, "substrate             %.1f ops/s (1 SQS SendMessage + 1 DynamoDB PutItem each, same clients and stand-ins)%n",
                        substrate);
                report.printf(Locale.ROOT, "callbacks vs substrate %.0f %%%n", 100 * result.callbacksPerSecond() / substrate);
            }
            report.println("LOAD " + Json.write(result.summary()));
            report.println(result.ok() ? "load: OK (0 lost, 0 duplicated)" : "load: FAILED");
            return result.ok() ? 0 : 1;
        }
    }

    /** {@code load [N] [--rate R]}, in any order. */
    public static LoadRun.Options options(String[] args) {
        int n = 2000;
        double rate = 0;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--rate")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--rate needs a number of callbacks per second");
                }
                rate = number(args[++i], "--rate");
                if (!(rate > 0)) {
                    throw new IllegalArgumentException("--rate must be more than 0, not " + args[i]);
                }
            } else if (args[i].matches("[0-9]{1,9}") && Integer.parseInt(args[i]) > 0) {
                n = Integer.parseInt(args[i]);
            } else {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
        }
        return LoadRun.Options.of(n).withRate(rate);
    }

    private static double number(String s, String what) {
        try {
            double d = Double.parseDouble(s);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(what + " must be a number, not '" + s + "'");
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

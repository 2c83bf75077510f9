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
 * {@code ./orderhub load [N] [--rate R] [--warmup W]}: the whole stack in this JVM, N signed callbacks
 * (default 2000) through it, the report, and (unpaced) the bare substrate at the same concurrency for
 * comparison. {@code --rate R} offers R callbacks a second instead of a burst (see {@link LoadRun}).
 * First, {@value #DEFAULT_WARMUP} callbacks (or W; 0 for none) warm the JVM up on a site of their own,
 * as a benchmark does: a Lambda container serves many invocations, and SnapStart restores one whose
 * code was primed, so the measured run should not be the first minute of a fresh JVM.
 * The hub's log lines go to target/load.log. Exits non-zero if anything was lost or duplicated,
 * 2 on a malformed argument.
 */
public final class LoadCommand {
    /** Callbacks sent before the measured run unless {@code --warmup} says otherwise. */
    public static final int DEFAULT_WARMUP = 500;

    private LoadCommand() {}

    public static int run(String[] args) throws Exception {
        LoadRun.Options options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println("load: " + e.getMessage() + "; usage: load [N] [--rate callbacks-per-second] [--warmup callbacks]");
            return 2;
        }
        int n = options.callbacks();
        PrintStream report = System.out;
        try (LocalHub hub = quietHub()) {
            report.printf(Locale.ROOT, "load: %d callbacks over %s, %d concurrent senders, %s, loopback only, %d warm-up callbacks first%n",
                    n, options.providers(), options.concurrency(),
                    options.paced() ? String.format(Locale.ROOT, "paced at %.1f/s", options.rate()) : "unpaced", options.warmup());
            LoadResult result;
            LoadRun run = new LoadRun(hub, options).printingProgress(System.err, java.time.Duration.ofSeconds(5));
            if (options.warmup() > 0) {
                run.warmUp(); // before the log count: the CloudWatch line is per measured callback
            }
            LogVolume logs = LogVolume.count();
            try (logs) {
                result = run.run();
            }
            result.print(report);
            report.printf(Locale.ROOT, "CloudWatch Logs       %d bytes in %d lines (%d metric lines): %.0f bytes per 1,000 callbacks; %d distinct metrics%n",
                    logs.bytes(), logs.lines(), logs.metricLines(), logs.bytes() * 1000.0 / n, logs.metrics().size());
            java.util.Map<String, Object> summary = new java.util.LinkedHashMap<>(result.summary());
            if (options.paced()) {
                // The callback rate is the offered one: comparing it with the substrate says nothing.
                report.println("substrate             not measured (paced run; the unpaced run compares callbacks with it)");
            } else {
                System.err.println("load: the callbacks alone, every queue consumer paused while they are sent (then drained and checked)...");
                LoadResult alone = new LoadRun(hub, options.withWarmup(0)).pausingPipelineWhileSending().run();
                report.printf(Locale.ROOT, "callbacks alone       %.1f callbacks/s, latency p50 %.1f ms p99 %.1f ms (pipeline paused while sent; then %s)%n",
                        alone.callbacksPerSecond(), LoadResult.percentileMillis(alone.callbackLatency(), 50),
                        LoadResult.percentileMillis(alone.callbackLatency(), 99),
                        alone.ok() ? "applied and checked: 0 lost, 0 duplicated" : "LOST OR DUPLICATED, see above");
                // Resumed once every callback was answered: the queue then drains with nothing else running.
                double pipelineAlone = alone.acceptedEvents() / Math.max(1e-9, alone.totalSeconds() - alone.sendSeconds());
                report.printf(Locale.ROOT, "pipeline alone        %.1f events applied/s (the queue those callbacks left, drained with no callback arriving)%n",
                        pipelineAlone);
                String body = Json.write(java.util.Map.of("eventId", "evt_substrate", "payload", "x".repeat(1200)));
                System.err.println("load: the bare substrate at the same concurrency, for comparison...");
                double substrate = SubstrateRun.run(hub, n, options.concurrency(), body);
                report.printf(Locale.ROOT, "substrate             %.1f ops/s (1 SQS SendMessage + 1 DynamoDB PutItem each, same clients and stand-ins)%n",
                        substrate);
                report.printf(Locale.ROOT, "callbacks vs substrate %.0f %% with the pipeline beside them, %.0f %% alone%n",
                        100 * result.callbacksPerSecond() / substrate, 100 * alone.callbacksPerSecond() / substrate);
                summary.put("callbacksAlonePerSecond", Math.round(alone.callbacksPerSecond() * 10) / 10.0);
                summary.put("pipelineAloneEventsPerSecond", Math.round(pipelineAlone * 10) / 10.0);
                summary.put("substrateOpsPerSecond", Math.round(substrate * 10) / 10.0);
                if (!alone.ok()) {
                    report.println("load: FAILED (the callbacks-alone run lost or duplicated something)");
                    return 1;
                }
            }
            report.println("LOAD " + Json.write(summary));
            report.println(result.ok() ? "load: OK (0 lost, 0 duplicated)" : "load: FAILED");
            return result.ok() ? 0 : 1;
        }
    }

    /** {@code load [N] [--rate R] [--warmup W]}, in any order. */
    public static LoadRun.Options options(String[] args) {
        int n = 2000;
        double rate = 0;
        int warmup = DEFAULT_WARMUP;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--warmup")) {
                if (i + 1 >= args.length || !args[i + 1].matches("[0-9]{1,6}")) {
                    throw new IllegalArgumentException("--warmup needs a number of callbacks (0 for none)");
                }
                warmup = Integer.parseInt(args[++i]);
                continue;
            }
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
        return LoadRun.Options.of(n).withRate(rate).withWarmup(warmup);
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
            // 5 s visibility: a message the payment-events function failed comes back within a run, not after the template's 180 s.
            return LocalHub.start(new LocalHub.Options(0, 5, true, java.time.Duration.ZERO));
        } finally {
            System.setOut(terminal);
        }
    }
}

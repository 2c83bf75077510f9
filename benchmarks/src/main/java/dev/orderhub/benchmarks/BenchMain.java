package dev.orderhub.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * `./orderhub bench`: every benchmark with settings short enough for a 2-core machine (2 warm-up
 * and 3 measured iterations of 2 s, one fork, the GC profiler for allocation per operation),
 * then a summary table. JMH's own command-line options given here override those defaults
 * (e.g. {@code -i 10 StripeWebhook}).
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        Options options = new OptionsBuilder()
                .include(cli.getIncludes().isEmpty() ? "dev.orderhub.benchmarks" : String.join("|", cli.getIncludes()))
                .warmupIterations(2).warmupTime(TimeValue.seconds(2))
                .measurementIterations(3).measurementTime(TimeValue.seconds(2))
                .forks(1)
                .addProfiler(GCProfiler.class)
                .parent(cli)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        printSummary(results);
    }

    private static void printSummary(Collection<RunResult> results) {
        List<String[]> rows = new ArrayList<>();
        Map<String, Double> throughput = new HashMap<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
            String clazz = r.getParams().getBenchmark().replaceAll("\\.[^.]+$", "").replaceAll(".*\\.", "");
            String param = String.join(",", r.getParams().getParamsKeys().stream().map(r.getParams()::getParam).toList());
            Result primary = r.getPrimaryResult();
            Result alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            throughput.put(clazz + "|" + param + "|" + method, primary.getScore());
            rows.add(new String[] {clazz, param, method,
                    String.format(Locale.ROOT, "%,.0f ± %,.0f", primary.getScore(), primary.getScoreError()),
                    alloc == null ? "-" : String.format(Locale.ROOT, "%,.0f", alloc.getScore())});
        }
        System.out.println();
        System.out.println("SUMMARY (ops/s, higher is better; B/op = bytes allocated per operation, from -prof gc)");
        System.out.printf(Locale.ROOT, "%-28s %-40s %-16s %22s %12s%n", "benchmark", "case", "method", "ops/s", "B/op");
        for (String[] row : rows) {
            System.out.printf(Locale.ROOT, "%-28s %-40s %-16s %22s %12s%n", (Object[]) row);
        }
        System.out.println();
        throughput.forEach((key, ours) -> {
            if (!key.endsWith("|ours")) {
                return;
            }
            String base = key.substring(0, key.length() - "ours".length());
            for (String other : List.of("stripeJava", "stripeJavaTyped")) {
                Double theirs = throughput.get(base + other);
                if (theirs != null) {
                    System.out.printf(Locale.ROOT, "ours / %-16s %-40s %.2fx%n", other, base.split("\\|")[1], ours / theirs);
                }
            }
        });
    }
}

package dev.orderhub.local.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the hub writes to its log streams while it is counted: bytes and lines (what CloudWatch
 * Logs bills as ingestion and storage), the embedded-metric-format lines among them, and the
 * distinct metrics those lines make (namespace, name and dimension values: what CloudWatch bills
 * per month as custom metrics). The lines still go where they went before. Lambda's own lines
 * (platform start and report) are not written in local mode and are not counted.
 */
final class LogVolume implements AutoCloseable {
    private final PrintStream before;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long bytes;
    private long lines;
    private long metricLines;
    /** The metric lines as written, read once asked for: parsing them as they come would hold every writer up. */
    private final List<String> unread = new ArrayList<>();
    private final Set<String> metrics = new TreeSet<>();
    /** The same metrics had the site been a dimension too (METRICS_PER_SITE=true). */
    private final Set<String> metricsPerSite = new TreeSet<>();

    private LogVolume() {
        PrintStream[] target = new PrintStream[1];
        this.before = JsonLog.redirect(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                count(new byte[] {(byte) b}, 0, 1);
                target[0].write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count(b, off, len);
                target[0].write(b, off, len);
            }

            @Override
            public void flush() {
                target[0].flush();
            }
        }, true, StandardCharsets.UTF_8));
        target[0] = before;
    }

    static LogVolume count() {
        return new LogVolume();
    }

    private synchronized void count(byte[] b, int off, int len) {
        bytes += len;
        int from = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                pending.write(b, from, i - from);
                line();
                from = i + 1;
            }
        }
        pending.write(b, from, off + len - from);
    }

    private static final byte[] METRIC_START = "{\"_aws\"".getBytes(StandardCharsets.UTF_8);

    private void line() {
        lines++;
        byte[] text = pending.toByteArray();
        pending.reset();
        if (text.length >= METRIC_START.length
                && java.util.Arrays.equals(text, 0, METRIC_START.length, METRIC_START, 0, METRIC_START.length)) {
            metricLines++;
            unread.add(new String(text, StandardCharsets.UTF_8));
        }
    }

    private void readMetricLines() {
        unread.forEach(this::metricLine);
        unread.clear();
    }

    private void metricLine(String text) {
        JsonNode line = Json.parse(text);
        for (JsonNode directive : line.path("_aws").path("CloudWatchMetrics")) {
            for (JsonNode metric : directive.path("Metrics")) {
                String name = directive.path("Namespace").asText() + "/" + metric.path("Name").asText();
                for (JsonNode set : directive.path("Dimensions")) {
                    // Dimension values in name order: the same metric whichever order a line lists them in.
                    Set<String> values = new TreeSet<>();
                    set.forEach(d -> values.add(d.asText() + "=" + line.path(d.asText()).asText()));
                    metrics.add(name + " " + values);
                    metricsPerSite.add(name + " " + values);
                    if (!values.isEmpty()) {
                        values.add("clientId=" + line.path("clientId").asText());
                        metricsPerSite.add(name + " " + values);
                    }
                }
            }
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized long lines() {
        return lines;
    }

    synchronized long metricLines() {
        return metricLines;
    }

    /** Distinct metrics the counted lines made. */
    synchronized Set<String> metrics() {
        readMetricLines();
        return new TreeSet<>(metrics);
    }

    /** Distinct metrics they would have made with a (provider, site) dimension set too. */
    synchronized Set<String> metricsWithSiteDimension() {
        readMetricLines();
        return new TreeSet<>(metricsPerSite);
    }

    @Override
    public void close() {
        JsonLog.redirect(before);
    }
}

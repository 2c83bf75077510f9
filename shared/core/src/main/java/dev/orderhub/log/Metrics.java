package dev.orderhub.log;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;

/**
 * CloudWatch metrics as embedded-metric-format log lines: Lambda's log stream turns each line
 * into metric data points, with no PutMetricData call on the request path. Every metric is
 * recorded in total and per provider, so alarms watch the whole deployment. The site
 * ({@code clientId}) is on the line as a plain field, not a dimension: a dimension would make
 * every active site its own set of custom metrics (each billed by the month), while Logs
 * Insights sums the lines by site for free (docs/operations.md). An operator who wants per-site
 * metrics on a dashboard turns them on with {@code METRICS_PER_SITE=true} and pays for them: the
 * composition root hands that setting in ({@link #perSite}). It is the process's, not a stack's,
 * like the one log stream these lines go to.
 */
public final class Metrics {
    public static final String NAMESPACE = "orderhub";
    private static volatile boolean perSite;

    private Metrics() {}

    /** Whether metrics get a site dimension too: the configuration's METRICS_PER_SITE, as the composition root reads it. */
    public static void perSite(boolean on) {
        perSite = on;
    }

    public static void count(String metric, String provider, String clientId) {
        record(metric, 1, "Count", provider, clientId, null, null);
    }

    /** A count with one more dimension, e.g. rejections by reason. */
    public static void count(String metric, String provider, String clientId, String dimension, String value) {
        record(metric, 1, "Count", provider, clientId, dimension, value);
    }

    public static void millis(String metric, long value, String provider, String clientId) {
        record(metric, value, "Milliseconds", provider, clientId, null, null);
    }

    private static void record(String metric, long value, String unit, String provider, String clientId,
            String extraDimension, String extraValue) {
        ObjectNode line = Json.object();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", System.currentTimeMillis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensions = directive.putArray("Dimensions");
        dimensions.addArray(); // the deployment-wide total, which the alarms watch
        ArrayNode byProvider = dimensions.addArray().add("provider");
        ArrayNode bySite = perSite ? dimensions.addArray().add("provider").add("clientId") : null;
        if (extraDimension != null) {
            byProvider.add(extraDimension);
            if (bySite != null) {
                bySite.add(extraDimension);
            }
            line.put(extraDimension, extraValue == null ? "none" : extraValue);
        }
        directive.putArray("Metrics").addObject().put("Name", metric).put("Unit", unit);
        line.put("provider", provider == null ? "none" : provider);
        line.put("clientId", clientId == null ? "none" : clientId);
        line.put(metric, value);
        LogContext.addTo(line);
        JsonLog.emit(line.toString());
    }
}

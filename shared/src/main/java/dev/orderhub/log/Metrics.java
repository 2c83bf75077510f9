package dev.orderhub.log;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;

/**
 * CloudWatch metrics as embedded-metric-format log lines: Lambda's log stream turns each line
 * into metric data points, with no PutMetricData call on the request path. Every metric is
 * recorded in total, per provider and per (provider, site), so alarms watch the whole deployment
 * and a dashboard can show one seller.
 */
public final class Metrics {
    public static final String NAMESPACE = "orderhub";

    private Metrics() {}

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
        ArrayNode bySite = dimensions.addArray().add("provider").add("clientId");
        if (extraDimension != null) {
            byProvider.add(extraDimension);
            bySite.add(extraDimension);
            line.put(extraDimension, extraValue == null ? "none" : extraValue);
        }
        directive.putArray("Metrics").addObject().put("Name", metric).put("Unit", unit);
        line.put("provider", provider == null ? "none" : provider);
        line.put("clientId", clientId == null ? "none" : clientId);
        line.put(metric, value);
        JsonLog.emit(line.toString());
    }
}

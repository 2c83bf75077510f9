package dev.orderhub.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import java.io.PrintStream;
import java.time.Instant;

/**
 * One JSON object per line on stdout, which CloudWatch Logs stores as is and Logs Insights can
 * query by field. Callers pass only ids and outcomes: never secrets, tokens, raw bodies or
 * full e-mail addresses (use {@link #maskEmail}).
 */
public final class JsonLog {
    private static volatile PrintStream out = System.out;
    private final String logger;

    private JsonLog(String logger) {
        this.logger = logger;
    }

    public static JsonLog get(Class<?> owner) {
        return new JsonLog(owner.getSimpleName());
    }

    /** Local mode and tests redirect the lines to see what CloudWatch would get; returns where they went before. */
    public static PrintStream redirect(PrintStream target) {
        PrintStream before = out;
        out = target;
        return before;
    }

    public void info(String message, Object... keyValues) {
        write("INFO", message, null, keyValues);
    }

    public void warn(String message, Object... keyValues) {
        write("WARN", message, null, keyValues);
    }

    public void error(String message, Throwable t, Object... keyValues) {
        write("ERROR", message, t, keyValues);
    }

    private void write(String level, String message, Throwable t, Object... keyValues) {
        ObjectNode line = Json.object();
        line.put("ts", Instant.now().toString());
        line.put("level", level);
        line.put("logger", logger);
        line.put("message", message);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            if (v == null) {
                continue;
            }
            if (v instanceof Integer || v instanceof Long) {
                line.put(String.valueOf(keyValues[i]), ((Number) v).longValue());
            } else if (v instanceof Number n) {
                line.put(String.valueOf(keyValues[i]), n.doubleValue());
            } else if (v instanceof Boolean b) {
                line.put(String.valueOf(keyValues[i]), b);
            } else {
                line.put(String.valueOf(keyValues[i]), String.valueOf(v));
            }
        }
        if (t != null) {
            line.put("error", t.getClass().getName() + ": " + t.getMessage());
        }
        emit(line.toString());
    }

    /** Writes one complete line (a log record or an embedded-metric-format record). */
    static void emit(String line) {
        PrintStream target = out;
        synchronized (target) {
            target.println(line);
        }
    }

    /** "jane.doe@example.com" → "j***@example.com". */
    public static String maskEmail(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }
}

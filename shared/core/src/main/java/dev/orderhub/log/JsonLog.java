package dev.orderhub.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Set;

/**
 * One JSON object per line on stdout, which CloudWatch Logs stores as is and Logs Insights can
 * query by field. Callers pass only ids and outcomes: never secrets, tokens, raw bodies or
 * full e-mail addresses (use {@link #maskEmail}).
 *
 * <p>The line's own fields ({@code ts}, {@code level}, {@code logger}, {@code message}, the
 * invocation's {@code requestId} and {@code traceId} ({@link LogContext}), and {@code error} and
 * {@code stack} when an exception is given) cannot be replaced by a caller's: operators filter on
 * them, and a caller's {@code "level":"high"} would let a line escape a filter on WARN or ERROR,
 * a caller's {@code requestId} make it pass for another request's. A caller's field of such a
 * name is kept under {@value #RENAMED_PREFIX}{@code <name>}. An error line carries a bounded
 * stack ({@link ErrorStack}).
 */
public final class JsonLog {
    static final String RENAMED_PREFIX = "caller_";
    private static final Set<String> RESERVED = Set.of("ts", "level", "logger", "message", LogContext.REQUEST_ID,
            LogContext.TRACE_ID);
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
            String name = String.valueOf(keyValues[i]);
            if (RESERVED.contains(name) || (t != null && (name.equals("error") || name.equals("stack")))) {
                name = RENAMED_PREFIX + name;
            }
            if (v instanceof Integer || v instanceof Long) {
                line.put(name, ((Number) v).longValue());
            } else if (v instanceof Number n) {
                line.put(name, n.doubleValue());
            } else if (v instanceof Boolean b) {
                line.put(name, b);
            } else {
                line.put(name, String.valueOf(v));
            }
        }
        LogContext.addTo(line);
        if (t != null) {
            line.put("error", t.getClass().getName() + ": " + t.getMessage());
            line.set("stack", ErrorStack.of(t));
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

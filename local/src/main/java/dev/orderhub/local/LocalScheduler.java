package dev.orderhub.local;

import dev.orderhub.log.JsonLog;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a function from a template Schedule event as EventBridge does: every interval, one
 * invocation with a "Scheduled Event". One daemon thread per schedule; a failed run is logged and
 * the next tick comes anyway (EventBridge retries differently, but a run is idempotent).
 */
public final class LocalScheduler implements AutoCloseable {
    private static final JsonLog LOG = JsonLog.get(LocalScheduler.class);
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private final Thread thread;
    private volatile boolean running = true;

    public LocalScheduler(LambdaFunctions functions, String functionId, Duration every) {
        this.thread = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    functions.invoke(functionId, scheduledEvent(functionId, Instant.now()));
                } catch (RuntimeException e) {
                    LOG.error("scheduled run failed", e, "function", functionId);
                }
            }
        }, "schedule-" + functionId);
        thread.setDaemon(true);
        thread.start();
    }

    /** The interval of a {@code rate(N unit)} expression (the only form the template uses). */
    public static Duration rate(String expression) {
        Matcher m = RATE.matcher(expression.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("local mode runs rate(N minutes|hours|days) schedules only, not " + expression);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** An EventBridge Scheduled Event, as the function receives it. */
    public static Map<String, Object> scheduledEvent(String functionId, Instant at) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("version", "0");
        e.put("id", UUID.randomUUID().toString());
        e.put("detail-type", "Scheduled Event");
        e.put("source", "aws.events");
        e.put("account", "000000000000");
        e.put("time", at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        e.put("region", LocalHub.REGION);
        e.put("resources", List.of("arn:aws:events:" + LocalHub.REGION + ":000000000000:rule/orderhub-local-" + functionId));
        e.put("detail", Map.of());
        return e;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}

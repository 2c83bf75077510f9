package dev.orderhub.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The Lambda invocation a thread is working for: its request id and X-Ray trace id, which
 * {@link JsonLog} puts on every line written meanwhile, so that an operator finds every line of
 * one request (and the trace of it) with one Logs Insights filter. Set by each handler for the
 * length of its invocation (through {@code LambdaLogContext}, which knows Lambda's types and where
 * the runtime puts the trace header) and cleared after, so that no line names a request it does
 * not belong to; work handed to other threads takes it along with {@link #carry}.
 */
public final class LogContext {
    public static final String REQUEST_ID = "requestId";
    public static final String TRACE_ID = "traceId";
    private static final ThreadLocal<Ids> CURRENT = new ThreadLocal<>();

    private record Ids(String requestId, String traceId) {}

    private LogContext() {}

    /**
     * Runs one invocation of a handler with its ids on every line it logs on this thread.
     *
     * @param requestId the invocation's request id, or null
     * @param traceHeader the invocation's X-Ray trace header ("Root=…;Parent=…;Sampled=…"), or null
     */
    public static <T> T during(String requestId, String traceHeader, Supplier<T> invocation) {
        Ids before = CURRENT.get();
        CURRENT.set(new Ids(requestId, traceId(traceHeader)));
        try {
            return invocation.get();
        } finally {
            restore(before);
        }
    }

    /** The task, run on whichever thread with the ids of the invocation that handed it over (none if none). */
    public static <T> Callable<T> carry(Callable<T> task) {
        Ids handed = CURRENT.get();
        return () -> {
            Ids before = CURRENT.get();
            restore(handed);
            try {
                return task.call();
            } finally {
                restore(before);
            }
        };
    }

    /** Adds the ids of the current invocation, if any, to a line. */
    static void addTo(ObjectNode line) {
        Ids ids = CURRENT.get();
        if (ids == null) {
            return;
        }
        if (ids.requestId() != null) {
            line.put(REQUEST_ID, ids.requestId());
        }
        if (ids.traceId() != null) {
            line.put(TRACE_ID, ids.traceId());
        }
    }

    private static void restore(Ids ids) {
        if (ids == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(ids);
        }
    }

    /** "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1" → "1-5759e988-bd862e3fe1be46a994272793". */
    static String traceId(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith("Root=") && p.length() > "Root=".length()) {
                return p.substring("Root=".length());
            }
        }
        return null;
    }
}

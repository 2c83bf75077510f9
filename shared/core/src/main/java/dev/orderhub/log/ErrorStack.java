package dev.orderhub.log;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.orderhub.json.Json;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Where an error happened, bounded for a log line: at most {@link #MAX_FRAMES} frames in all,
 * the cause chain included ({@code "caused by <class>"}, then the cause's own frames, those it
 * shares with the error that wraps it left out as the JVM does). The causes' messages are left
 * out: they quote what failed (a URL, a request, a provider's answer) and may hold secrets; the
 * error's own message is on the line already, as callers have always logged it.
 */
final class ErrorStack {
    static final int MAX_FRAMES = 20;
    /** Frames of the error itself at most, so that a deep stack leaves room for its causes. */
    static final int MAX_FRAMES_EACH = 10;
    static final int MAX_CAUSES = 5;

    private ErrorStack() {}

    static ArrayNode of(Throwable error) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        int budget = MAX_FRAMES;
        StackTraceElement[] enclosing = new StackTraceElement[0];
        int causes = 0;
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t != error) {
                if (causes++ == MAX_CAUSES) {
                    out.add("more causes left out");
                    break;
                }
                out.add("caused by " + t.getClass().getName());
            }
            StackTraceElement[] frames = t.getStackTrace();
            int own = frames.length - inCommon(frames, enclosing);
            // The last cause may use what the others left; the others share it.
            boolean last = t.getCause() == null || seen.contains(t.getCause());
            int show = Math.min(own, Math.min(budget, last ? budget : MAX_FRAMES_EACH));
            for (int i = 0; i < show; i++) {
                out.add("at " + frames[i]);
            }
            budget -= show;
            if (show < own) {
                out.add("... " + (own - show) + " more");
            }
            enclosing = frames;
        }
        return out;
    }

    /** Frames at the bottom of both stacks (the callers the cause and its wrapper share). */
    private static int inCommon(StackTraceElement[] frames, StackTraceElement[] enclosing) {
        int m = frames.length - 1;
        int n = enclosing.length - 1;
        int common = 0;
        while (m >= 0 && n >= 0 && frames[m].equals(enclosing[n])) {
            m--;
            n--;
            common++;
        }
        return common;
    }
}

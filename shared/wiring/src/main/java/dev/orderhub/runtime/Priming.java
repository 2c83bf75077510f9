package dev.orderhub.runtime;

import dev.orderhub.log.JsonLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: work run once before Lambda snapshots an initialized container, so a
 * container restored from the snapshot answers its first event with the classes of its hot path
 * already loaded and linked. Lambda's java21 runtime calls {@link #beforeCheckpoint} through
 * CRaC (org.crac) when it publishes a version with SnapStart on; without SnapStart nothing calls
 * it and priming costs nothing. Priming work must change no data: reads of keys that cannot
 * exist, canned responses, JSON round trips.
 */
public final class Priming implements Resource {
    private static final JsonLog LOG = JsonLog.get(Priming.class);
    /** CRaC holds registered resources weakly: these references keep them alive. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    private final String name;
    private final Runnable work;

    private Priming(String name, Runnable work) {
        this.name = name;
        this.work = work;
    }

    /** Runs {@code work} before a SnapStart snapshot is taken, until {@link #unregister()}. */
    public static Priming register(String name, Runnable work) {
        Priming p = new Priming(name, work);
        REGISTERED.add(p);
        Core.getGlobalContext().register(p);
        return p;
    }

    /**
     * This priming no longer runs (its stack was closed). CRaC holds resources weakly, so once
     * dropped from here it is forgotten there too.
     */
    public void unregister() {
        REGISTERED.remove(this);
    }

    /**
     * Runs every registered priming now, as a checkpoint would. Only `./orderhub coldstart`
     * calls this (through JarRunner, by name) to estimate what SnapStart saves the first event.
     */
    public static void runAllNow() {
        REGISTERED.forEach(Priming::run);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        if (REGISTERED.contains(this)) {
            run();
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to undo. The DynamoDB read may leave an idle connection in the JDK's keep-alive
        // cache; restored long after its keep-alive timeout, it is closed there, not reused.
    }

    /** A failed priming only loses its warm-up: the snapshot is still taken and the function still works. */
    private void run() {
        long start = System.nanoTime();
        try {
            work.run();
            LOG.info("primed", "what", name, "ms", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("priming failed", "what", name, "error", e.getClass().getSimpleName());
        }
    }
}

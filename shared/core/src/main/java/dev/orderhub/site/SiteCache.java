package dev.orderhub.site;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A container's recent reads of a site's configuration (the site partition: the site, its
 * settings, its provider configs; the site's workflows; its risk rules), so that a warm callback
 * or the payment-events function does not read the same few items for every event. Keys name what was read
 * ({@code SITE#<clientId>}, ...); values must not be changed by their readers.
 *
 * <p>Why it is safe: entries live {@code ttl} (SITE_CACHE_SECONDS, 10 s by default), so a change
 * made through the admin API reaches every warm container within that time. A reader can decline
 * to keep an answer: the site partition keeps only answers that hold a site, so an unknown client
 * id is read each time (a site created a moment ago is never refused from memory, and guessed ids
 * cannot fill the cache). The number of answers kept is bounded (least recently used out).
 * Repositories forget what they write, through {@link #freshReads()} views too, so a container
 * sees its own writes at once (local mode runs every function in one JVM). Callers that find a
 * reason to refuse in cached data read again before refusing ({@link #forgetIfOlderThanASecond}),
 * so a cache can only delay a refusal by the ttl, never cause one, and delay an acceptance (a
 * secret just added) by at most a second. That second bounds what anonymous callers can force:
 * a flood of refused callbacks costs at most one extra read per site per second and container,
 * not one per request. A ttl of zero turns it off.
 */
public final class SiteCache {
    static final int MAX_ENTRIES = 1_000;
    /** The youngest answer a refusal may make this cache read again. */
    static final long MIN_AGE_TO_READ_AGAIN_NANOS = 1_000_000_000L;

    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries;

    private record Entry(Object value, long readAt) {}

    public SiteCache(Duration ttl) {
        this(ttl, System::nanoTime);
    }

    SiteCache(Duration ttl, LongSupplier nanoTime) {
        this(ttl.toNanos(), nanoTime, new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > MAX_ENTRIES;
            }
        });
    }

    private SiteCache(long ttlNanos, LongSupplier nanoTime, Map<String, Entry> entries) {
        this.ttlNanos = ttlNanos;
        this.nanoTime = nanoTime;
        this.entries = entries;
    }

    /**
     * A view that answers every read from the table but forgets this cache's entries on writes:
     * for the admin API, which must read its own writes, and whose writes the cached readers of the
     * same container should see at once.
     */
    public SiteCache freshReads() {
        return new SiteCache(0, nanoTime, entries);
    }

    public boolean enabled() {
        return ttlNanos > 0;
    }

    /** The answer remembered under {@code key} if younger than the ttl, else {@code read}'s (kept if {@code keep} says so). */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> read, Predicate<T> keep) {
        if (!enabled()) {
            return read.get();
        }
        long now = nanoTime.getAsLong();
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e != null && now - e.readAt() < ttlNanos) {
                return (T) e.value();
            }
        }
        T value = read.get();
        synchronized (entries) {
            if (keep.test(value)) {
                entries.put(key, new Entry(value, now));
            } else {
                entries.remove(key);
            }
        }
        return value;
    }

    /**
     * Before refusing on a remembered answer: forgets it unless it was read from the table less
     * than a second ago (then it is what the table says now, give or take that second). Returns
     * whether it was forgotten, that is whether reading {@code key} again would reach the table.
     */
    public boolean forgetIfOlderThanASecond(String key) {
        if (!enabled()) {
            return false;
        }
        long now = nanoTime.getAsLong();
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e == null || now - e.readAt() < MIN_AGE_TO_READ_AGAIN_NANOS) {
                return false;
            }
            entries.remove(key);
            return true;
        }
    }

    public void forget(String key) {
        synchronized (entries) {
            entries.remove(key);
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}

package dev.orderhub.site;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A container's recent reads of site partitions (the site, its settings, its provider configs),
 * so that a warm callback or matcher does not read the same few items for every event.
 *
 * <p>Why it is safe: entries live {@code ttl} (SITE_CACHE_SECONDS, 10 s by default), so a change
 * made through the admin API reaches every warm container within that time; only partitions that
 * hold a site are kept (an unknown client id is read each time, so a site created a moment ago is
 * never refused from memory, and guessed ids cannot fill the cache); the number of sites kept is
 * bounded (least recently used out). Callers that find a reason to refuse in cached data read
 * again before refusing ({@link SiteRepository#forget}), so a cache can only delay a refusal by
 * the ttl, never cause one. A ttl of zero turns it off.
 */
public final class SiteCache {
    static final int MAX_SITES = 1_000;

    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_SITES;
        }
    };

    private record Entry(List<Map<String, AttributeValue>> items, long readAt) {}

    public SiteCache(Duration ttl) {
        this(ttl, System::nanoTime);
    }

    SiteCache(Duration ttl, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    public boolean enabled() {
        return ttlNanos > 0;
    }

    /** The partition's items: remembered ones younger than the ttl, else {@code read}'s (kept if they hold a site). */
    List<Map<String, AttributeValue>> items(String clientId, Supplier<List<Map<String, AttributeValue>>> read,
            java.util.function.Predicate<List<Map<String, AttributeValue>>> holdsSite) {
        if (!enabled()) {
            return read.get();
        }
        long now = nanoTime.getAsLong();
        synchronized (entries) {
            Entry e = entries.get(clientId);
            if (e != null && now - e.readAt() < ttlNanos) {
                return e.items();
            }
        }
        List<Map<String, AttributeValue>> items = read.get();
        synchronized (entries) {
            if (holdsSite.test(items)) {
                entries.put(clientId, new Entry(List.copyOf(items), now));
            } else {
                entries.remove(clientId);
            }
        }
        return items;
    }

    void forget(String clientId) {
        synchronized (entries) {
            entries.remove(clientId);
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}

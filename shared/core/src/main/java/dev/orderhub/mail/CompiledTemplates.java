package dev.orderhub.mail;

import com.github.mustachejava.Mustache;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The container's compiled seller templates, so that a template is parsed once per container
 * rather than once per e-mail. Keyed by the template's whole text (and whether it renders HTML),
 * never by a name: a hit is the compile of exactly the text asked for, so a site can only be
 * served a template it supplied itself, whatever another site named its own. A compiled template
 * keeps no values (they are passed to each render). Bounded: the least recently used goes first.
 * A template that does not compile is not kept (it fails again, the same way, at each render).
 */
final class CompiledTemplates {
    /** Enough for every template of the sites one warm container serves; a few KB each. */
    static final int MAX_ENTRIES = 256;

    private record Key(boolean html, String source) {}

    private final int max;
    private final AtomicLong compiles = new AtomicLong();
    private final Map<Key, Mustache> byText;

    CompiledTemplates(int max) {
        this.max = max;
        this.byText = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Mustache> eldest) {
                return size() > CompiledTemplates.this.max;
            }
        };
    }

    Mustache get(String source, boolean html, Function<String, Mustache> compile) {
        Key key = new Key(html, source);
        synchronized (byText) {
            Mustache m = byText.get(key);
            if (m != null) {
                return m;
            }
        }
        Mustache m = compile.apply(source); // outside the lock: a compile may take a while; a race compiles twice, harmlessly
        compiles.incrementAndGet();
        synchronized (byText) {
            byText.putIfAbsent(key, m);
        }
        return m;
    }

    /** How many templates this cache compiled (the cost it exists to save; for measurement). */
    long compiles() {
        return compiles.get();
    }
}

package dev.orderhub.mail;

import com.github.mustachejava.Binding;
import com.github.mustachejava.Code;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.reflect.AbstractObjectHandler;
import com.github.mustachejava.util.Wrapper;
import java.util.List;
import java.util.Map;

/**
 * How a seller's template reads values: by key from the maps the hub passes, nothing else. No
 * getters, fields or methods (mustache.java's default handler would run {@code {{buyerName.bytes}}}
 * or {@code {{items.size}}}), no dotted paths (a dotted name is looked up as one key, which no map
 * has), and only text, yes/no, lists and maps come out: any other object counts as absent, so a
 * value can never be a lambda or a callable that the engine would run.
 */
final class PlainValues extends AbstractObjectHandler {
    @Override
    public Wrapper find(String name, List<Object> ignored) {
        return scopes -> {
            for (int i = scopes.size() - 1; i >= 0; i--) {
                if (scopes.get(i) instanceof Map<?, ?> map && map.containsKey(name)) {
                    return plain(map.get(name));
                }
            }
            return null;
        };
    }

    @Override
    public Binding createBinding(String name, TemplateContext tc, Code code) {
        Wrapper wrapper = find(name, null);
        return wrapper::call;
    }

    @Override
    public Object coerce(Object object) {
        return plain(object);
    }

    /** Text as it is; {{.}} on anything but text or yes/no (a map: the whole values) writes nothing. */
    @Override
    public String stringify(Object object) {
        return object instanceof String || object instanceof Boolean ? object.toString() : "";
    }

    private static Object plain(Object value) {
        return value instanceof String || value instanceof Boolean || value instanceof List<?> || value instanceof Map<?, ?>
                ? value : null;
    }
}

package dev.orderhub.db;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small readers and writers for DynamoDB attribute values, so item mapping stays readable. */
public final class Attrs {
    private Attrs() {}

    public static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    public static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    public static AttributeValue bool(boolean v) {
        return AttributeValue.fromBool(v);
    }

    public static AttributeValue ss(Collection<String> v) {
        return AttributeValue.fromSs(new ArrayList<>(v));
    }

    public static AttributeValue list(List<String> v) {
        return AttributeValue.fromL(v.stream().map(AttributeValue::fromS).toList());
    }

    public static AttributeValue map(Map<String, String> v) {
        Map<String, AttributeValue> m = new HashMap<>();
        v.forEach((k, x) -> m.put(k, s(x)));
        return AttributeValue.fromM(m);
    }

    /** Puts a string attribute only when the value is present (DynamoDB rejects empty keys, not empty strings, but absent reads better). */
    public static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    public static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    public static long num(Map<String, AttributeValue> item, String name, long fallback) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? fallback : Long.parseLong(v.n());
    }

    public static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v != null && Boolean.TRUE.equals(v.bool());
    }

    public static Set<String> strSet(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || !v.hasSs() ? Set.of() : Set.copyOf(v.ss());
    }

    public static List<String> strList(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || !v.hasL() ? List.of() : v.l().stream().map(AttributeValue::s).toList();
    }

    public static Map<String, String> strMap(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || !v.hasM()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        v.m().forEach((k, x) -> out.put(k, x.s()));
        return out;
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }
}

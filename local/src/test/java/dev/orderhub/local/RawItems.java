package dev.orderhub.local;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB items as text holding every attribute name and string value, however deep: what a table reader sees. */
public final class RawItems {
    private RawItems() {}

    public static String render(Map<String, AttributeValue> item) {
        return item == null ? "" : render(AttributeValue.fromM(item));
    }

    public static String render(AttributeValue v) {
        if (v.s() != null) {
            return v.s();
        }
        if (v.hasM()) {
            StringBuilder b = new StringBuilder("{");
            v.m().forEach((k, x) -> b.append(k).append('=').append(render(x)).append(','));
            return b.append('}').toString();
        }
        if (v.hasL()) {
            StringBuilder b = new StringBuilder("[");
            v.l().forEach(x -> b.append(render(x)).append(','));
            return b.append(']').toString();
        }
        return String.valueOf(v);
    }
}

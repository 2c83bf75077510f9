package dev.orderhub.order;

import java.util.List;
import java.util.Map;

/** What admins did to an order; entries are only ever added (the hub's table: {@code DynamoAuditTrail}). */
public interface AuditTrail {
    /**
     * @param action "status", "match", "reply" or "review" (confirmed or dismissed without an intent)
     * @param by the admin key id
     * @param details action-specific fields (from, to, reason, intentId, subject, messageId …)
     */
    record Entry(String at, String action, String by, Map<String, String> details) {
        public Entry {
            details = details == null ? Map.of() : Map.copyOf(details);
        }
    }

    void add(String clientId, String orderId, Entry e);

    /** The order's audit entries, oldest first. */
    List<Entry> list(String clientId, String orderId);
}

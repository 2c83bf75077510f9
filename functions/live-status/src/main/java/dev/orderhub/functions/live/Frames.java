package dev.orderhub.functions.live;

import dev.orderhub.intent.BuyerStatus;
import dev.orderhub.json.Json;
import dev.orderhub.money.MoneyJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON frames the live channel sends; statuses are worded as {@code GET /orders/{id}/status}
 * words them, with the same {@code expected}, {@code paid} (absent before a match) and {@code test}.
 */
final class Frames {
    private Frames() {}

    /** The answer to a subscribe: the current status and what was published after the client's offset. */
    static String subscribed(String publicOrderId, BuyerStatus.Snapshot now, List<LiveConnections.Publication> history) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "subscribed");
        f.put("orderId", publicOrderId);
        f.put("status", now.status());
        f.put("offset", now.version());
        f.put("updatedAt", now.updatedAt());
        f.put("expected", MoneyJson.of(now.expected()));
        f.put("paid", MoneyJson.of(now.paid()));
        f.put("test", now.test());
        f.put("history", history.stream().map(p -> publication(publicOrderId, p)).toList());
        return Json.write(f);
    }

    static String status(String publicOrderId, LiveConnections.Publication p) {
        return Json.write(publication(publicOrderId, p));
    }

    static String error(String code, String message) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "error");
        f.put("error", code);
        f.put("message", message);
        return Json.write(f);
    }

    private static Map<String, Object> publication(String publicOrderId, LiveConnections.Publication p) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "status");
        f.put("orderId", publicOrderId);
        f.put("status", p.status());
        f.put("offset", p.offset());
        f.put("updatedAt", p.updatedAt());
        f.put("expected", MoneyJson.of(p.expected()));
        f.put("paid", MoneyJson.of(p.paid()));
        f.put("test", p.test());
        return f;
    }
}

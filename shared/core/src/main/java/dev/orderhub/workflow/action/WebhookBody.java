package dev.orderhub.workflow.action;

import dev.orderhub.money.MoneyJson;
import dev.orderhub.workflow.Subject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The JSON body of a workflow's outgoing webhook. Besides the order it carries the matched
 * intent, the amount that intent expected, the amount paid and the test flag, so that a seller's
 * server granting something can see an underpayment or a test payment without calling back.
 */
final class WebhookBody {
    private WebhookBody() {}

    static Map<String, Object> of(String runId, String workflowId, long workflowVersion, String trigger, Subject s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", runId);
        body.put("workflowId", workflowId);
        body.put("workflowVersion", workflowVersion);
        body.put("trigger", trigger);
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("orderId", s.orderId());
        order.put("provider", s.provider());
        order.put("orderRef", s.orderRef());
        order.put("status", s.status());
        if (s.amount() != null) {
            order.put("amount", Map.of("minor", s.amount().minor(), "currency", s.amount().currency()));
        }
        order.put("intentId", s.intentId());
        order.put("expected", MoneyJson.of(s.expected()));
        order.put("paid", MoneyJson.of(s.amount()));
        order.put("test", s.test());
        order.put("tags", new TreeSet<>(s.tags()));
        if (s.risk() != null) {
            order.put("risk", Map.of("level", s.risk().level().wire(), "score", s.risk().score(), "reasons", s.risk().reasons()));
        }
        body.put("order", order);
        return body;
    }
}

package dev.orderhub.workflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import java.util.List;
import java.util.Set;

/**
 * The workflows the hub ships, after Shopify Flow's risk templates (capture unless high risk, cancel
 * high risk). The risk ones
 * start on {@code order.risk_analyzed}, not {@code order.created}: fraud analysis finishes after
 * the order exists, and the decision to capture needs it. They need manual capture at the
 * provider (Stripe capture_method=manual), else there is nothing left to decide.
 */
public final class WorkflowTemplates {
    public static final Set<String> NAMES = Set.of("capture-unless-high-risk", "cancel-high-risk", "thank-you-on-paid",
            "staff-on-review");

    private WorkflowTemplates() {}

    /** What an install needs besides the template: the sender and, for staff mails, who gets them. */
    public record Params(String from, List<String> staff, boolean enabled) {}

    /** The template's definition, or null for an unknown name. Validated like any other definition when saved. */
    public static ObjectNode definition(String name, Params p) {
        ObjectNode w = Json.object();
        w.put("enabled", p.enabled());
        switch (name) {
            case "capture-unless-high-risk" -> {
                w.put("name", "Capture payment unless risk is high");
                w.put("trigger", Trigger.ORDER_RISK_ANALYZED.wire());
                w.set("condition", compare("risk.level", "ne", "high"));
                w.putArray("actions").addObject().put("type", "capture_payment");
                ArrayNode otherwise = w.putArray("otherwise");
                otherwise.addObject().put("type", "add_order_tag").put("tag", "payment-not-captured");
                if (!p.staff().isEmpty()) {
                    staffMail(otherwise, p, "staff_notice");
                }
            }
            case "cancel-high-risk" -> {
                w.put("name", "Cancel and restock high-risk orders");
                w.put("trigger", Trigger.ORDER_RISK_ANALYZED.wire());
                w.set("condition", compare("risk.level", "eq", "high"));
                ArrayNode actions = w.putArray("actions");
                actions.addObject().put("type", "cancel_payment").put("restock", true).put("reason", "fraudulent");
                // Tags and the staff e-mail run even when the provider refuses the cancel (they do not depend
                // on it), so neither may claim the order was canceled: the run says whether it was.
                actions.addObject().put("type", "add_order_tag").put("tag", "high-risk");
                actions.addObject().put("type", "add_customer_tag").put("tag", "high-risk");
                staffMail(actions, p, "staff_high_risk");
                w.putArray("otherwise");
            }
            case "thank-you-on-paid" -> {
                w.put("name", "Thank-you e-mail on paid");
                w.put("trigger", Trigger.ORDER_PAID.wire());
                ObjectNode mail = w.putArray("actions").addObject().put("type", "email_buyer").put("template", "thank_you");
                mail.put("from", p.from());
                w.putArray("otherwise");
            }
            case "staff-on-review" -> {
                w.put("name", "E-mail staff when an order needs review");
                w.put("trigger", Trigger.REVIEW_NEEDED.wire());
                staffMail(w.putArray("actions"), p, "staff_review_needed");
                w.putArray("otherwise");
            }
            default -> {
                return null;
            }
        }
        return w;
    }

    private static void staffMail(ArrayNode actions, Params p, String template) {
        ObjectNode mail = actions.addObject().put("type", "email_staff").put("template", template);
        mail.put("from", p.from());
        ArrayNode to = mail.putArray("to");
        p.staff().forEach(to::add);
    }

    private static ObjectNode compare(String field, String op, String value) {
        return Json.object().put("field", field).put("op", op).put("value", value);
    }
}

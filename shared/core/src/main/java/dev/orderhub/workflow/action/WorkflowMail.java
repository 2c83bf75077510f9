package dev.orderhub.workflow.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.mustachejava.MustacheException;
import dev.orderhub.mail.AmountFormat;
import dev.orderhub.mail.Email;
import dev.orderhub.mail.MailTemplates;
import dev.orderhub.mail.TemplateRefused;
import dev.orderhub.workflow.Action;
import dev.orderhub.workflow.ActionType;
import dev.orderhub.workflow.Subject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The e-mails of email_buyer and email_staff: which template (the action's own, else the named
 * built-in, else thank_you for buyers and staff_notice for staff), which locale (the action's,
 * else the buyer's where the provider tells it, else en) and the values a template can use
 * ({@link dev.orderhub.mail.TemplateVariables#WORKFLOW_MAIL}, the list saving checks against):
 * buyerName, buyerEmail (staff mails), amount (formatted for the currency and locale), currency,
 * items (each {{name}}), hasItems, orderRef, orderId, provider, status, siteName, statusLink,
 * riskLevel, riskScore, riskReasons (each {{.}}), matchReason, tags, trigger, workflowName.
 */
public final class WorkflowMail {
    private WorkflowMail() {}

    /** @param template the built-in template's name, or {@value #OWN_TEMPLATE} for the action's own templates */
    public record Message(List<String> to, Email email, String template, String locale) {}

    public static final String OWN_TEMPLATE = "custom";

    public static Message compose(ActionContext ctx, Action a, String matchReason) {
        Subject s = ctx.subject();
        boolean buyer = a.type() == ActionType.EMAIL_BUYER;
        List<String> to = buyer ? (s.buyerEmail() == null ? List.of() : List.of(s.buyerEmail())) : a.list("to");
        if (to.isEmpty()) {
            throw ActionFailed.permanent("the order has no buyer e-mail address");
        }
        String builtIn = a.text("template") != null ? a.text("template") : buyer ? "thank_you" : "staff_notice";
        boolean own = a.node("templates") != null;
        JsonNode templates = own ? a.node("templates") : MailTemplates.builtIn(builtIn);
        String locale = a.text("locale") != null ? a.text("locale") : buyerLocale(s);
        MailTemplates.Rendered r;
        try {
            r = MailTemplates.render(templates, locale, values(ctx, a, locale, buyer, matchReason));
        } catch (TemplateRefused | MustacheException stored) {
            // A template saved before saving checked templates: sending it again cannot go better.
            throw ActionFailed.permanent("the e-mail template cannot be used: " + stored.getMessage());
        }
        return new Message(to, new Email(a.text("from"), to.get(0), r.subject(), r.text(), r.html()),
                own ? OWN_TEMPLATE : builtIn, r.locale());
    }

    static Map<String, Object> values(ActionContext ctx, Action a, String locale, boolean forBuyer, String matchReason) {
        Subject s = ctx.subject();
        Map<String, Object> v = new HashMap<>();
        v.put("buyerName", s.buyerName() == null ? "" : s.buyerName());
        if (!forBuyer) {
            v.put("buyerEmail", s.buyerEmail() == null ? "" : s.buyerEmail());
        }
        v.put("amount", s.amount() == null ? "" : AmountFormat.format(s.amount(), MailTemplates.locale(locale)));
        v.put("currency", s.amount() == null ? "" : s.amount().currency());
        List<Map<String, String>> items = new ArrayList<>();
        s.items().forEach(i -> items.add(Map.of("name", i)));
        v.put("items", items);
        v.put("hasItems", !items.isEmpty());
        v.put("orderRef", s.orderRef() == null ? "" : s.orderRef());
        v.put("orderId", s.orderId() == null ? "" : s.orderId());
        v.put("provider", s.provider());
        v.put("status", s.status() == null ? "" : s.status());
        v.put("siteName", ctx.siteName() == null ? "" : ctx.siteName());
        String statusUrl = a.text("statusUrl");
        v.put("statusLink", statusUrl == null || s.intentId() == null ? "" : statusUrl.replace("{{publicOrderId}}", s.intentId()));
        v.put("riskLevel", s.risk() == null ? "unknown" : s.risk().level().wire());
        v.put("riskScore", s.risk() == null ? "" : Integer.toString(s.risk().score()));
        v.put("riskReasons", s.risk() == null ? List.of() : s.risk().reasons());
        v.put("matchReason", matchReason == null ? "" : matchReason);
        v.put("tags", String.join(", ", s.tags()));
        v.put("trigger", ctx.trigger());
        v.put("workflowName", ctx.workflow().name());
        return v;
    }

    /** The buyer's language where the provider reports one (Shopify's customer_locale), else the default. */
    static String buyerLocale(Subject s) {
        String l = s.attributes().get("shopify.customer_locale");
        return l != null && l.toLowerCase(java.util.Locale.ROOT).startsWith("ko") ? "ko" : MailTemplates.DEFAULT_LOCALE;
    }
}

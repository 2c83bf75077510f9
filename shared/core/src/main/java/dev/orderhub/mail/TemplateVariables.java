package dev.orderhub.mail;

import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a seller's template may name, per kind of e-mail: the values, and for each list the names
 * its entries offer inside the list's section ({@code {{#items}}{{name}}{{/items}}}; {@code .} is
 * the entry itself). docs/workflows.md ("E-mail templates") and openapi.yaml document the same lists.
 *
 * @param names        values usable anywhere
 * @param listEntries  per list: what {@code {{#list}}…{{/list}}} adds
 * @param sections     whether {@code {{#name}}}, {@code {{^name}}} and comments are allowed at all
 */
public record TemplateVariables(Set<String> names, Map<String, Set<String>> listEntries, boolean sections) {
    /** The values of workflow e-mails (email_buyer, email_staff; buyerEmail is empty in buyer e-mails). */
    public static final TemplateVariables WORKFLOW_MAIL = new TemplateVariables(Set.of("buyerName", "buyerEmail", "amount",
            "currency", "items", "hasItems", "orderRef", "orderId", "provider", "status", "siteName", "statusLink",
            "riskLevel", "riskScore", "riskReasons", "matchReason", "tags", "trigger", "workflowName"),
            Map.of("items", Set.of("name"), "riskReasons", Set.of(".")), true);

    /** The values of a provider's auto-reply, plain {@code {{name}}} tags only (its dialect has no sections). */
    public static final TemplateVariables AUTO_REPLY = new TemplateVariables(
            Set.of("buyerName", "amount", "currency", "orderId", "siteName", "message"), Map.of(), false);

    public TemplateVariables {
        names = Set.copyOf(names);
        listEntries = Map.copyOf(listEntries);
    }

    /** Whether {@code name} means something inside the enclosing list sections (innermost first). */
    public boolean allows(String name, Deque<String> enclosing) {
        if (names.contains(name)) {
            return true;
        }
        return enclosing.stream().anyMatch(list -> listEntries.getOrDefault(list, Set.of()).contains(name));
    }

    /** The list for an error message, sorted. */
    public String described() {
        StringBuilder out = new StringBuilder(String.join(", ", new TreeSet<>(names)));
        new TreeSet<>(listEntries.keySet()).forEach(list -> out.append("; inside {{#").append(list).append("}}: ")
                .append(String.join(", ", new TreeSet<>(listEntries.get(list)))));
        return out.toString();
    }
}

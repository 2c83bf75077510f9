package dev.orderhub.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.http.outbound.AddressPolicy;
import dev.orderhub.mail.MailAddress;
import dev.orderhub.mail.MailTemplateNames;
import dev.orderhub.mail.MailTemplates;
import dev.orderhub.order.ManualTransitions;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a workflow definition and checks all of it, collecting every problem with its path, so
 * that an admin fixes a definition in one round:
 * <pre>{"name": "…", "enabled": true, "trigger": "order.risk_analyzed",
 *  "condition": {"field": "risk.level", "op": "ne", "value": "high"},
 *  "actions": [{"type": "capture_payment"}], "otherwise": [{"type": "add_order_tag", "tag": "not-captured"}]}</pre>
 */
public final class WorkflowParser {
    static final int MAX_ACTIONS = 20;
    static final int MAX_DEPTH = 8;
    static final int MAX_COMPARISONS = 50;
    private static final Set<String> FIELDS = Set.of("name", "enabled", "trigger", "condition", "actions", "otherwise");
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N} _.:/-]{1,40}");
    private static final Set<String> STRIPE_CANCEL_REASONS = Set.of("duplicate", "fraudulent", "requested_by_customer", "abandoned");

    private final List<InvalidWorkflow.Problem> problems = new ArrayList<>();
    private final boolean compileTemplates;
    /** Where a webhook may point; null for a stored definition (checked when saved, and at each send). */
    private final AddressPolicy addresses;
    private int comparisons;

    private WorkflowParser(boolean compileTemplates, AddressPolicy addresses) {
        this.compileTemplates = compileTemplates;
        this.addresses = addresses;
    }

    /**
     * A definition to save: the workflow, or {@link InvalidWorkflow} listing every problem. Webhook
     * URLs are judged by {@code addresses} (to save: public addresses only, without the loopback
     * allowance of local mode, so that a saved definition is valid everywhere).
     */
    public static Workflow parse(JsonNode body, String id, long version, String updatedAt, AddressPolicy addresses) {
        return new WorkflowParser(true, addresses).read(body, id, version, updatedAt);
    }

    /**
     * A definition read back from the table, checked when it was saved: e-mail templates are not
     * compiled again, so the payment-events function, which reads workflows to dispatch them, needs no template engine.
     */
    static Workflow stored(JsonNode body, String id, long version, String updatedAt) {
        return new WorkflowParser(false, null).read(body, id, version, updatedAt);
    }

    /**
     * A stored workflow's e-mail templates checked as a save checks them now: {@link InvalidWorkflow}
     * (paths as at save) when one would be refused, because it was saved before a check existed.
     * The dry run calls it first, so that it never renders such a template into its answer.
     */
    public static void checkTemplates(Workflow w) {
        WorkflowParser parser = new WorkflowParser(true, null);
        for (String branch : List.of("actions", "otherwise")) {
            List<Action> list = w.branch(branch.equals("actions") ? "then" : "otherwise");
            for (int i = 0; i < list.size(); i++) {
                JsonNode templates = list.get(i).node("templates");
                if (templates != null && !templates.isNull()) {
                    parser.templates(templates, branch + "[" + i + "].templates");
                }
            }
        }
        if (!parser.problems.isEmpty()) {
            throw new InvalidWorkflow(parser.problems);
        }
    }

    private Workflow read(JsonNode body, String id, long version, String updatedAt) {
        if (body == null || !body.isObject()) {
            throw new InvalidWorkflow(List.of(new InvalidWorkflow.Problem("$", "must be a JSON object")));
        }
        unknown(body, FIELDS, "");
        String name = text(body, "name", "name", 1, 100, true);
        boolean enabled = true;
        if (body.has("enabled")) {
            if (body.get("enabled").isBoolean()) {
                enabled = body.get("enabled").booleanValue();
            } else {
                problem("enabled", "must be true or false");
            }
        }
        Trigger trigger = null;
        String t = text(body, "trigger", "trigger", 1, 40, true);
        if (t != null) {
            trigger = Trigger.fromWire(t);
            if (trigger == null) {
                problem("trigger", "unknown trigger " + t + "; one of " + Trigger.wireNames());
            }
        }
        Condition condition = body.hasNonNull("condition") ? condition(body.get("condition"), "condition", 1) : null;
        List<Action> actions = actions(body.get("actions"), "actions", trigger, true);
        List<Action> otherwise = actions(body.get("otherwise"), "otherwise", trigger, false);
        if (problems.isEmpty() && actions.isEmpty() && otherwise.isEmpty()) {
            problem("actions", "a workflow needs at least one action (in actions or otherwise)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidWorkflow(problems);
        }
        ObjectNode definition = ((ObjectNode) body).deepCopy();
        definition.put("enabled", enabled);
        return new Workflow(id, name, enabled, trigger, condition, actions, otherwise, version, updatedAt, definition);
    }

    private Condition condition(JsonNode node, String path, int depth) {
        if (!node.isObject()) {
            problem(path, "must be an object: {all|any: [...]}, {not: {...}} or {field, op, value}");
            return null;
        }
        if (depth > MAX_DEPTH) {
            problem(path, "conditions nest at most " + MAX_DEPTH + " deep");
            return null;
        }
        if (node.has("all") || node.has("any")) {
            String key = node.has("all") ? "all" : "any";
            unknown(node, Set.of(key), path);
            JsonNode list = node.get(key);
            if (!list.isArray() || list.isEmpty()) {
                problem(path + "." + key, "must be a non-empty list of conditions");
                return null;
            }
            List<Condition> parts = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                parts.add(condition(list.get(i), path + "." + key + "[" + i + "]", depth + 1));
            }
            return key.equals("all") ? new Condition.All(parts) : new Condition.Any(parts);
        }
        if (node.has("not")) {
            unknown(node, Set.of("not"), path);
            Condition inner = condition(node.get("not"), path + ".not", depth + 1);
            return new Condition.Not(inner);
        }
        unknown(node, Set.of("field", "op", "value"), path);
        if (++comparisons > MAX_COMPARISONS) {
            problem(path, "a workflow has at most " + MAX_COMPARISONS + " comparisons");
            return null;
        }
        String f = text(node, "field", path + ".field", 1, 40, true);
        String op = text(node, "op", path + ".op", 1, 20, true);
        if (f == null || op == null) {
            return null;
        }
        ConditionField field = ConditionField.fromWire(f);
        if (field == null) {
            problem(path + ".field", "unknown field " + f + "; one of " + ConditionField.wireNames());
            return null;
        }
        if (!field.ops().contains(op)) {
            problem(path + ".op", "operator " + op + " does not apply to " + f + "; use one of " + field.ops());
            return null;
        }
        String p = field.problem(op, node.get("value"));
        if (p != null) {
            problem(path + ".value", p);
            return null;
        }
        return new Condition.Compare(field, op, node.get("value"));
    }

    private List<Action> actions(JsonNode list, String path, Trigger trigger, boolean required) {
        List<Action> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            if (required) {
                problem(path, "is required (a list, possibly empty)");
            }
            return out;
        }
        if (!list.isArray()) {
            problem(path, "must be a list of actions");
            return out;
        }
        if (list.size() > MAX_ACTIONS) {
            problem(path, "at most " + MAX_ACTIONS + " actions");
        }
        for (int i = 0; i < list.size(); i++) {
            Action a = action(list.get(i), path + "[" + i + "]", trigger);
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    private Action action(JsonNode node, String path, Trigger trigger) {
        if (!node.isObject()) {
            problem(path, "must be an object with a type");
            return null;
        }
        String t = text(node, "type", path + ".type", 1, 40, true);
        if (t == null) {
            return null;
        }
        ActionType type = ActionType.fromWire(t);
        if (type == null) {
            problem(path + ".type", "unknown action " + t + "; one of " + ActionType.wireNames());
            return null;
        }
        if (trigger != null && !trigger.hasOrder() && type.needsOrder()) {
            problem(path + ".type", t + " changes an order, and trigger " + trigger.wire() + " has none");
        }
        Set<String> allowed = new TreeSet<>(type.allowed());
        allowed.add("type");
        unknown(node, allowed, path);
        for (String r : type.required()) {
            if (!node.hasNonNull(r)) {
                problem(path + "." + r, "is required for " + t);
            }
        }
        int before = problems.size();
        params(type, node, path);
        return problems.size() == before ? new Action(type, (ObjectNode) node.deepCopy()) : null;
    }

    private void params(ActionType type, JsonNode node, String path) {
        if (node.hasNonNull("tag")) {
            String tag = text(node, "tag", path + ".tag", 1, 40, true);
            if (tag != null && !TAG.matcher(tag).matches()) {
                problem(path + ".tag", "letters, digits, space and _ . : / - only (no commas), at most 40");
            }
        }
        if (node.hasNonNull("reason")) {
            if (type == ActionType.CANCEL_PAYMENT) {
                String r = text(node, "reason", path + ".reason", 1, 40, true);
                if (r != null && !STRIPE_CANCEL_REASONS.contains(r)) {
                    problem(path + ".reason", "one of " + new TreeSet<>(STRIPE_CANCEL_REASONS));
                }
            } else {
                text(node, "reason", path + ".reason", 1, 500, true);
            }
        }
        if (node.hasNonNull("status")) {
            String s = text(node, "status", path + ".status", 1, 30, true);
            if (s != null && !manualTarget(s)) {
                problem(path + ".status", "one of the statuses an order can be set to by hand: " + manualTargets());
            }
        }
        if (node.has("restock") && !node.get("restock").isBoolean()) {
            problem(path + ".restock", "must be true or false");
        }
        if (node.hasNonNull("from")) {
            email(node.get("from"), path + ".from");
        }
        if (node.has("to")) {
            JsonNode to = node.get("to");
            if (!to.isArray() || to.isEmpty() || to.size() > 10) {
                problem(path + ".to", "must be a list of 1 to 10 e-mail addresses");
            } else {
                for (int i = 0; i < to.size(); i++) {
                    email(to.get(i), path + ".to[" + i + "]");
                }
            }
        }
        if (node.hasNonNull("template")) {
            String name = text(node, "template", path + ".template", 1, 40, true);
            if (name != null && !MailTemplateNames.BUILT_IN.contains(name)) {
                problem(path + ".template", "unknown template " + name + "; built in: " + new TreeSet<>(MailTemplateNames.BUILT_IN));
            }
        }
        if (node.hasNonNull("locale")) {
            String l = text(node, "locale", path + ".locale", 2, 2, true);
            if (l != null && !MailTemplateNames.LOCALES.contains(l)) {
                problem(path + ".locale", "one of " + MailTemplateNames.LOCALES);
            }
        }
        if (node.hasNonNull("templates")) {
            templates(node.get("templates"), path + ".templates");
        }
        if (node.hasNonNull("statusUrl")) {
            String u = text(node, "statusUrl", path + ".statusUrl", 9, 500, true);
            if (u != null && !u.startsWith("https://")) {
                problem(path + ".statusUrl", "must start with https:// ({{publicOrderId}} is replaced)");
            }
        }
        if (node.hasNonNull("url") && addresses != null) {
            String u = text(node, "url", path + ".url", 9, 2000, true);
            String p = u == null ? null : webhookUrlProblem(u, addresses);
            if (p != null) {
                problem(path + ".url", p);
            }
        }
    }

    private void templates(JsonNode node, String path) {
        if (!node.isObject() || node.isEmpty()) {
            problem(path, "must be an object of locale to {subject, text, html}");
            return;
        }
        if (!node.has(MailTemplateNames.DEFAULT_LOCALE)) {
            problem(path, "must include " + MailTemplateNames.DEFAULT_LOCALE + " (the fallback locale)");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String locale = it.next();
            String lp = path + "." + locale;
            if (!MailTemplateNames.LOCALES.contains(locale)) {
                problem(lp, "locale must be one of " + MailTemplateNames.LOCALES);
                continue;
            }
            JsonNode t = node.get(locale);
            if (!t.isObject()) {
                problem(lp, "must be {subject, text, html}");
                continue;
            }
            unknown(t, Set.of("subject", "text", "html"), lp);
            for (String part : List.of("subject", "text", "html")) {
                String source = text(t, part, lp + "." + part, 1, part.equals("subject") ? 200 : 20_000, !part.equals("html"));
                String p = source == null || !compileTemplates ? null : MailTemplates.problem(source);
                if (p != null) {
                    problem(lp + "." + part, p);
                }
            }
        }
    }

    /**
     * Outgoing webhooks go to public HTTPS endpoints only: no plain HTTP, no credentials, and a
     * host that is a DNS name (no IP literal, no number such as 2130706433, no localhost or
     * internal name, a trailing dot changes nothing) which does not resolve to an address
     * outbound calls may not reach ({@link AddressPolicy}; checked again at every send, where
     * it counts: a name may be re-pointed after the save). Checked here without the loopback
     * allowance of local mode: a saved definition is valid everywhere.
     */
    static String webhookUrlProblem(String url, AddressPolicy addresses) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            return "is not a URL";
        }
        if (!"https".equals(u.getScheme()) || u.getRawAuthority() == null) {
            return "must be an https:// URL with a host name";
        }
        if (u.getHost() == null) {
            // java.net.URI reads 127.1 or a name ending in digits as no host at all.
            return "must name a public host: " + u.getRawAuthority() + " is not a DNS name";
        }
        if (u.getUserInfo() != null) {
            return "must not carry credentials";
        }
        return addresses.problem(u);
    }

    private void email(JsonNode v, String path) {
        if (!v.isTextual() || !MailAddress.isOne(v.asText())) {
            problem(path, "must be one e-mail address (name@example.com)");
        }
    }

    private static boolean manualTarget(String s) {
        return ManualTransitions.table().values().stream().anyMatch(targets -> targets.stream().anyMatch(t -> t.wire().equals(s)));
    }

    private static List<String> manualTargets() {
        Set<String> out = new TreeSet<>();
        ManualTransitions.table().values().forEach(targets -> targets.forEach(t -> out.add(t.wire())));
        return List.copyOf(out);
    }

    private String text(JsonNode node, String field, String path, int min, int max, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problem(path, "is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            problem(path, "must be text");
            return null;
        }
        String s = v.asText();
        if (s.length() < min || s.length() > max) {
            problem(path, min == max ? "must be " + min + " characters" : "must be " + min + " to " + max + " characters");
            return null;
        }
        return s;
    }

    private void unknown(JsonNode node, Set<String> allowed, String path) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                problem(path.isEmpty() ? f : path + "." + f, "unknown field; allowed: " + new TreeSet<>(allowed));
            }
        }
    }

    private void problem(String path, String message) {
        problems.add(new InvalidWorkflow.Problem(path, message));
    }
}

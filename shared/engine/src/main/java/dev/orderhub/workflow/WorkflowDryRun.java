package dev.orderhub.workflow;

import dev.orderhub.order.Order;
import dev.orderhub.provider.ProviderCatalog;
import dev.orderhub.workflow.action.ActionContext;
import dev.orderhub.workflow.action.ActionFailed;
import dev.orderhub.workflow.action.WorkflowActions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a workflow would do to an order now: the checks, the branch, each action in words. Changes nothing. */
public final class WorkflowDryRun {
    private WorkflowDryRun() {}

    public static Map<String, Object> of(Workflow w, Order order, boolean firstOrder, String siteName, ProviderCatalog providers) {
        Subject subject = Subject.of(order, firstOrder);
        ConditionEvaluator.Result result = ConditionEvaluator.evaluate(w.condition(), subject);
        String branch = result.held() ? "then" : "otherwise";
        List<Map<String, Object>> actions = new ArrayList<>();
        List<Action> list = w.branch(branch);
        for (int i = 0; i < list.size(); i++) {
            Action a = list.get(i);
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("index", i);
            step.put("type", a.type().wire());
            try {
                step.put("wouldDo", WorkflowActions.describe(
                        new ActionContext(w, w.trigger().wire(), subject, siteName, "dry-run", "dry-run-" + i), a, providers));
            } catch (ActionFailed e) {
                step.put("wouldFail", e.getMessage());
            }
            actions.add(step);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("workflowId", w.id());
        out.put("version", w.version());
        out.put("trigger", w.trigger().wire());
        out.put("orderId", order.orderId());
        out.put("conditionHeld", result.held());
        out.put("conditions", result.checks());
        out.put("branch", branch);
        out.put("actions", actions);
        return out;
    }
}

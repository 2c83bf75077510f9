package dev.orderhub.workflow.action;

import dev.orderhub.order.Order;
import dev.orderhub.workflow.Subject;
import dev.orderhub.workflow.Workflow;

/**
 * What an action runs against.
 *
 * @param actionKey the action's idempotency key (run id, branch, index): Stripe's Idempotency-Key,
 *     the webhook delivery id, the restock key
 * @param order the order as the run read it when the attempt began (null without one). Only for
 *     what actions never change (buyer, amount, message): status, tags and the match are read fresh.
 */
public record ActionContext(Workflow workflow, String trigger, Subject subject, String siteName, String runId,
        String actionKey, Order order) {

    /** Without the order read (a dry run, a subscription trigger): actions that need it read it. */
    public ActionContext(Workflow workflow, String trigger, Subject subject, String siteName, String runId, String actionKey) {
        this(workflow, trigger, subject, siteName, runId, actionKey, null);
    }
}

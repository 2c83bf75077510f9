package dev.orderhub.workflow.action;

import dev.orderhub.order.Order;
import dev.orderhub.workflow.Subject;
import dev.orderhub.workflow.Workflow;
import java.util.Map;

/**
 * What an action runs against.
 *
 * @param actionKey the action's idempotency key (run id, branch, index): Stripe's Idempotency-Key,
 *     the webhook delivery id, the restock key
 * @param order the order as the run read it when the attempt began (null without one). Only for
 *     what actions never change (buyer, amount, message): status, tags and the match are read fresh.
 * @param sentBefore this action's e-mails known to have gone out in an earlier attempt (send key,
 *     see {@link dev.orderhub.mail.MailTag}, → SES message id): SES's Send events and the sends
 *     an attempt that ended in an unknown outcome saw accepted. They are not sent again.
 */
public record ActionContext(Workflow workflow, String trigger, Subject subject, String siteName, String runId,
        String actionKey, Order order, Map<String, String> sentBefore) {

    public ActionContext(Workflow workflow, String trigger, Subject subject, String siteName, String runId, String actionKey,
            Order order) {
        this(workflow, trigger, subject, siteName, runId, actionKey, order, Map.of());
    }

    /** Without the order read (a dry run, a subscription trigger): actions that need it read it. */
    public ActionContext(Workflow workflow, String trigger, Subject subject, String siteName, String runId, String actionKey) {
        this(workflow, trigger, subject, siteName, runId, actionKey, null);
    }
}

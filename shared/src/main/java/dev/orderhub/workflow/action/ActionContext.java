package dev.orderhub.workflow.action;

import dev.orderhub.workflow.Subject;
import dev.orderhub.workflow.Workflow;

/**
 * What an action runs against.
 *
 * @param actionKey the action's idempotency key (run id, branch, index): Stripe's Idempotency-Key,
 *     the webhook delivery id, the restock key
 */
public record ActionContext(Workflow workflow, String trigger, Subject subject, String siteName, String runId,
        String actionKey) {}

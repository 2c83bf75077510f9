package dev.orderhub.workflow;

import java.net.URI;
import java.util.function.Function;

/**
 * The workflow settings of a deployment, read like {@link dev.orderhub.config.HubConfig} (system
 * property, else environment variable).
 *
 * @param runsQueueUrl WORKFLOW_RUNS_QUEUE_URL, where the matcher queues runs
 * @param runsDeadLetterQueueUrl WORKFLOW_RUNS_DEAD_LETTER_QUEUE_URL, where runs that kept failing wait
 *     (the admin API lists and re-drives them; null where it is not given)
 * @param stripeApiBase STRIPE_API_BASE (default https://api.stripe.com; tests point it at a stand-in)
 * @param shopifyApiBase SHOPIFY_API_BASE, null: each shop's own https://{shop}.myshopify.com
 * @param mailConfigurationSet MAIL_CONFIGURATION_SET, the SES configuration set of workflow e-mails (null: none)
 */
public record WorkflowConfig(String runsQueueUrl, String runsDeadLetterQueueUrl, URI stripeApiBase, URI shopifyApiBase, String mailConfigurationSet) {
    public static WorkflowConfig fromEnvironment() {
        return from(dev.orderhub.config.HubConfig::setting);
    }

    public static WorkflowConfig from(Function<String, String> source) {
        String stripe = blankToNull(source.apply("STRIPE_API_BASE"));
        String shopify = blankToNull(source.apply("SHOPIFY_API_BASE"));
        return new WorkflowConfig(blankToNull(source.apply("WORKFLOW_RUNS_QUEUE_URL")),
                blankToNull(source.apply("WORKFLOW_RUNS_DEAD_LETTER_QUEUE_URL")),
                URI.create(stripe == null ? "https://api.stripe.com" : stripe),
                shopify == null ? null : URI.create(shopify),
                blankToNull(source.apply("MAIL_CONFIGURATION_SET")));
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}

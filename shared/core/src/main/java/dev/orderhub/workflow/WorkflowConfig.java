package dev.orderhub.workflow;

import java.time.Duration;
import java.util.function.Function;

/**
 * The workflow settings of a deployment, part of the one configuration ({@code HubConfig}), which
 * reads them from its source.
 *
 * @param runsQueueUrl WORKFLOW_RUNS_QUEUE_URL, where the payment-events function queues runs
 * @param runsDeadLetterQueueUrl WORKFLOW_RUNS_DEAD_LETTER_QUEUE_URL, where runs that kept failing wait
 *     (the admin API lists and re-drives them; null where it is not given)
 * @param mailConfigurationSet MAIL_CONFIGURATION_SET, the SES configuration set of workflow e-mails (null: none)
 * @param sendEventWait {@value #SEND_EVENT_WAIT_SETTING}: how long a send whose outcome is unknown waits for
 *     SES's Send event before it is sent again (default {@value #DEFAULT_SEND_EVENT_WAIT_SECONDS} s)
 */
public record WorkflowConfig(String runsQueueUrl, String runsDeadLetterQueueUrl, String mailConfigurationSet, Duration sendEventWait) {
    public static final String SEND_EVENT_WAIT_SETTING = "MAIL_SEND_EVENT_WAIT_SECONDS";
    /** SES publishes Send events within seconds of accepting a message: minutes leave a duplicate only where it is later. */
    public static final long DEFAULT_SEND_EVENT_WAIT_SECONDS = 300;

    public static WorkflowConfig from(Function<String, String> source) {
        return new WorkflowConfig(blankToNull(source.apply("WORKFLOW_RUNS_QUEUE_URL")),
                blankToNull(source.apply("WORKFLOW_RUNS_DEAD_LETTER_QUEUE_URL")),
                blankToNull(source.apply("MAIL_CONFIGURATION_SET")),
                sendEventWait(blankToNull(source.apply(SEND_EVENT_WAIT_SETTING))));
    }

    private static Duration sendEventWait(String v) {
        if (v == null) {
            return Duration.ofSeconds(DEFAULT_SEND_EVENT_WAIT_SECONDS);
        }
        try {
            long seconds = Long.parseLong(v.trim());
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(SEND_EVENT_WAIT_SETTING + " must be a number of seconds (0 or more), was: " + v);
        }
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}

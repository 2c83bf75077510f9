package dev.orderhub.local.mail;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.orderhub.functions.workflow.WorkflowRunnerFunction;
import dev.orderhub.local.TestHub;
import dev.orderhub.workflow.RunRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A workflow run's message delivered to a runner the way SQS would, again and again, until it is consumed. */
final class RunDeliveries {
    private RunDeliveries() {}

    /**
     * What each delivery answered ("done", "back after N ms", "never done" after 8). A message that comes back
     * is delivered again after the runner's postponement ({@code postponed}, by message id), else after the
     * tests' 1 s visibility timeout.
     */
    static List<String> untilDone(WorkflowRunnerFunction runner, Map<String, Duration> postponed, RunRequest run)
            throws InterruptedException {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = "m-" + run.runId() + "-" + i;
            postponed.clear();
            SQSBatchResponse r = runner.handleRequest(TestHub.sqsEvent(id, run), null);
            if (r.getBatchItemFailures().isEmpty()) {
                answers.add("done");
                return answers;
            }
            Duration after = postponed.getOrDefault(id, Duration.ofSeconds(1));
            answers.add("back after " + after.toMillis() + " ms");
            Thread.sleep(Math.min(after.toMillis(), 20_000));
        }
        answers.add("never done");
        return answers;
    }
}

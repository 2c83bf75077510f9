package dev.orderhub.workflow;

import dev.orderhub.db.Ids;
import java.util.regex.Pattern;

/**
 * The ids a workflow can have: one made by {@link #newId}, or the default workflow's
 * ({@link #DEFAULT}, see {@link ThankYouWorkflow}). Nothing else names a workflow, so a path id is
 * checked against this before it becomes part of a key (it cannot carry a {@code #} into another item).
 */
public final class WorkflowIds {
    /** The default workflow's id. */
    public static final String DEFAULT = "thank-you";
    private static final Pattern ID = Pattern.compile("wf_[a-z0-9]{16}|" + Pattern.quote(DEFAULT));

    private WorkflowIds() {
    }

    public static String newId() {
        return "wf_" + Ids.random(16);
    }

    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}

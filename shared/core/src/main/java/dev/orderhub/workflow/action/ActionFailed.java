package dev.orderhub.workflow.action;

/**
 * An action did not happen. {@code permanent}: trying again cannot help (the provider refused
 * the request, the order's status forbids it); the run stops and is recorded as failed.
 * Otherwise (timeouts, 5xx, throttling) the run's message is retried and the action with it.
 */
public final class ActionFailed extends RuntimeException {
    private final boolean permanent;

    public ActionFailed(String message, boolean permanent) {
        super(message, null, false, false);
        this.permanent = permanent;
    }

    public static ActionFailed permanent(String message) {
        return new ActionFailed(message, true);
    }

    public static ActionFailed transientFailure(String message) {
        return new ActionFailed(message, false);
    }

    public boolean permanent() {
        return permanent;
    }
}

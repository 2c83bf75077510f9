package dev.orderhub.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which earlier actions of a branch an action needs to have succeeded. Money first: a payment
 * action ({@code capture_payment}, {@code cancel_payment}) and a status change ({@code set_status})
 * act on what the payment actions before them did, so they depend on every earlier payment action
 * of the branch (no status "canceled" after a cancel the provider refused, no capture after it).
 * Every other action (tags, customer tags, review, e-mails, webhooks, the auto-reply) records or
 * tells, and depends on nothing: it runs even when an action before it failed, so a refused cancel
 * still tags the order and e-mails staff. An action whose dependency failed, or was itself skipped,
 * is skipped, and the run record says on which.
 */
public final class ActionDependencies {
    private static final Set<ActionType> PAYMENT = Set.of(ActionType.CAPTURE_PAYMENT, ActionType.CANCEL_PAYMENT);
    private static final Set<ActionType> FOLLOWS_PAYMENT = Set.of(ActionType.CAPTURE_PAYMENT, ActionType.CANCEL_PAYMENT,
            ActionType.SET_STATUS);

    private ActionDependencies() {}

    /** The indexes of the earlier actions of {@code branch} that action {@code index} depends on, in order. */
    public static List<Integer> of(List<Action> branch, int index) {
        List<Integer> out = new ArrayList<>();
        if (FOLLOWS_PAYMENT.contains(branch.get(index).type())) {
            for (int i = 0; i < index; i++) {
                if (PAYMENT.contains(branch.get(i).type())) {
                    out.add(i);
                }
            }
        }
        return out;
    }
}

package dev.orderhub.workflow;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a condition tree against a subject and keeps, for the run's record, each comparison
 * with the value it saw and whether it held. Every comparison is evaluated (no short cut), so the
 * record shows the whole picture.
 */
public final class ConditionEvaluator {
    private ConditionEvaluator() {}

    /** One comparison: where it is in the tree, what it says, the subject's value, and whether it held. */
    public record Check(String path, String test, String actual, boolean held) {}

    public record Result(boolean held, List<Check> checks) {}

    /** A missing condition always holds. */
    public static Result evaluate(Condition condition, Subject subject) {
        List<Check> checks = new ArrayList<>();
        boolean held = condition == null || eval(condition, subject, "condition", checks);
        return new Result(held, checks);
    }

    private static boolean eval(Condition c, Subject s, String path, List<Check> checks) {
        if (c instanceof Condition.All all) {
            boolean held = true;
            for (int i = 0; i < all.conditions().size(); i++) {
                held &= eval(all.conditions().get(i), s, path + ".all[" + i + "]", checks);
            }
            return held;
        }
        if (c instanceof Condition.Any any) {
            boolean held = false;
            for (int i = 0; i < any.conditions().size(); i++) {
                held |= eval(any.conditions().get(i), s, path + ".any[" + i + "]", checks);
            }
            return held;
        }
        if (c instanceof Condition.Not not) {
            return !eval(not.condition(), s, path + ".not", checks);
        }
        Condition.Compare cmp = (Condition.Compare) c;
        boolean held = cmp.field().test(s, cmp.op(), cmp.value());
        checks.add(new Check(path, cmp.field().wire() + " " + cmp.op() + " " + cmp.value(), cmp.field().describe(s), held));
        return held;
    }
}

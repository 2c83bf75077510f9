package dev.orderhub.workflow;

import java.util.List;

/** A workflow definition that cannot be saved, with every problem found and where (a JSON path). */
public final class InvalidWorkflow extends RuntimeException {
    /** {@code path} like {@code actions[1].tag} or {@code condition.all[0].op}. */
    public record Problem(String path, String message) {}

    private final List<Problem> problems;

    public InvalidWorkflow(List<Problem> problems) {
        super(problems.size() + " problem(s), first: " + problems.get(0).path() + ": " + problems.get(0).message(),
                null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}

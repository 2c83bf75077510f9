package dev.orderhub.workflow;

import dev.orderhub.mail.SiteSenders;
import dev.orderhub.site.SiteMail;
import java.util.ArrayList;
import java.util.List;

/**
 * What a workflow's e-mails may use on its site, checked when it is saved: the sender ({@code from})
 * must be one the site may send from ({@link SiteSenders}), and every {@code email_staff} recipient
 * one of the site's staff addresses ({@link SiteMail#staff}). The runner checks both again when it
 * sends, since the site's settings may have changed since.
 */
public final class WorkflowMailRules {
    private WorkflowMailRules() {}

    public static List<InvalidWorkflow.Problem> problems(Workflow w, SiteMail mail, SiteSenders senders) {
        List<InvalidWorkflow.Problem> out = new ArrayList<>();
        check(w.actions(), "actions", mail, senders, out);
        check(w.otherwise(), "otherwise", mail, senders, out);
        return out;
    }

    private static void check(List<Action> actions, String branch, SiteMail mail, SiteSenders senders,
            List<InvalidWorkflow.Problem> out) {
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            String path = branch + "[" + i + "]";
            if (a.type() != ActionType.EMAIL_BUYER && a.type() != ActionType.EMAIL_STAFF) {
                continue;
            }
            String refusal = senders.refusal(mail, a.text("from"));
            if (refusal != null) {
                out.add(new InvalidWorkflow.Problem(path + ".from", refusal));
            }
            if (a.type() == ActionType.EMAIL_STAFF) {
                List<String> to = a.list("to");
                for (int j = 0; j < to.size(); j++) {
                    if (!mail.isStaff(to.get(j))) {
                        out.add(new InvalidWorkflow.Problem(path + ".to[" + j + "]", to.get(j)
                                + " is not one of the site's staff addresses; add it to staff with PUT /admin/sites/{clientId}/mail first"));
                    }
                }
            }
        }
    }
}

package dev.orderhub.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.http.outbound.HostResolver;
import dev.orderhub.http.outbound.OutboundAddresses;
import dev.orderhub.json.Json;
import dev.orderhub.mail.MailIdentity;
import dev.orderhub.mail.SiteSenders;
import dev.orderhub.site.SiteMail;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A staff e-mail carries the buyer's address and order: a workflow may send it only to the
 * addresses the site configured as staff, and only from a sender the site may use.
 */
class StaffRecipientAttackTest {
    private final SiteSenders senders = new SiteSenders(null, new MailIdentity("example.com"));

    private static Workflow staffMail(String to, String from) {
        return WorkflowParser.parse(Json.parse("""
                {"name": "n", "trigger": "order.paid", "actions": [{"type": "add_order_tag", "tag": "t"}],
                 "otherwise": [{"type": "email_staff", "from": "%s", "to": ["ann@example.com", "%s"]}]}
                """.formatted(from, to)), "wf_x", 1, "t", OutboundAddresses.publicOnly(HostResolver.SYSTEM));
    }

    @Test
    void aRecipientThatIsNotOneOfTheSitesStaffIsAProblemAtItsPath() {
        SiteMail site = new SiteMail(null, List.of("Ann@Example.com"), List.of());

        List<InvalidWorkflow.Problem> problems = WorkflowMailRules.problems(
                staffMail("harvest@attacker.example", "no-reply@example.com"), site, senders);

        assertThat(problems).extracting(InvalidWorkflow.Problem::path).containsExactly("otherwise[0].to[1]");
        assertThat(problems.get(0).message()).contains("harvest@attacker.example is not one of the site's staff addresses");
    }

    @Test
    void aSiteWithNoStaffConfiguredMayMailNoStaff() {
        assertThat(WorkflowMailRules.problems(staffMail("ann@example.com", "no-reply@example.com"), SiteMail.NONE, senders))
                .extracting(InvalidWorkflow.Problem::path).containsExactly("otherwise[0].to[0]", "otherwise[0].to[1]");
    }

    @Test
    void staffAndSenderTheSiteMayUsePass() {
        SiteMail site = new SiteMail(null, List.of("ann@example.com", "bob@example.com"), List.of("shop@example.com"));

        assertThat(WorkflowMailRules.problems(staffMail("BOB@example.com", "shop@example.com"), site, senders)).isEmpty();
        assertThat(WorkflowMailRules.problems(staffMail("bob@example.com", "other@example.com"), site, senders))
                .extracting(InvalidWorkflow.Problem::path).containsExactly("otherwise[0].from");
    }

    @Test
    void theSenderIsCheckedInEitherBranchAndOnlyMailActionsAreChecked() {
        SiteMail site = new SiteMail(null, List.of("ann@example.com"), List.of("shop@example.com"));
        Workflow w = WorkflowParser.parse(Json.parse("""
                {"name": "n", "trigger": "order.paid",
                 "actions": [{"type": "add_order_tag", "tag": "t"}, {"type": "email_buyer", "from": "ceo@other.example"}],
                 "otherwise": [{"type": "capture_payment"}]}
                """), "wf_x", 1, "t", OutboundAddresses.publicOnly(HostResolver.SYSTEM));

        assertThat(WorkflowMailRules.problems(w, site, senders)).extracting(InvalidWorkflow.Problem::path)
                .containsExactly("actions[1].from");
    }
}

package dev.orderhub.workflow;

import dev.orderhub.http.outbound.FakeDns;
import dev.orderhub.http.outbound.HostResolver;
import dev.orderhub.http.outbound.OutboundAddresses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.orderhub.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowParserTest {
    private static List<InvalidWorkflow.Problem> problems(String json) {
        return catchThrowableOfType(InvalidWorkflow.class, () -> WorkflowParser.parse(Json.parse(json), "wf_x", 1, "t", OutboundAddresses.publicOnly(HostResolver.SYSTEM))).problems();
    }

    @Test
    void everyProblemIsReportedWithItsPath() {
        List<InvalidWorkflow.Problem> p = problems("""
                {"name": "", "trigger": "order.created_", "color": "red",
                 "condition": {"all": [{"field": "risk.level", "op": "eq", "value": "extreme"},
                                       {"field": "amount", "op": "contains", "value": 3},
                                       {"not": {"field": "nope", "op": "eq", "value": 1}}]},
                 "actions": [{"type": "capture_payment", "amount": 5},
                             {"type": "add_order_tag", "tag": "a,b"},
                             {"type": "email_staff", "from": "shop@example.com", "to": ["not-an-address"]},
                             {"type": "webhook", "url": "http://169.254.169.254/latest"},
                             {"type": "set_status", "status": "pending", "reason": "x"},
                             {"type": "launch_rocket"}]}
                """);
        assertThat(p).extracting(InvalidWorkflow.Problem::path).containsExactlyInAnyOrder(
                "color", "name", "trigger",
                "condition.all[0].value", "condition.all[1].op", "condition.all[2].not.field",
                "actions[0].amount", "actions[1].tag", "actions[2].to[0]", "actions[3].url", "actions[4].status",
                "actions[5].type");
        assertThat(p).filteredOn(x -> x.path().equals("trigger")).first().extracting(InvalidWorkflow.Problem::message)
                .asString().contains("order.risk_analyzed");
        assertThat(p).filteredOn(x -> x.path().equals("actions[3].url")).first().extracting(InvalidWorkflow.Problem::message)
                .asString().contains("https");
    }

    @Test
    void orderActionsCannotFollowASubscriptionTrigger() {
        List<InvalidWorkflow.Problem> p = problems("""
                {"name": "n", "trigger": "subscription.canceled", "actions": [{"type": "cancel_payment"}]}
                """);
        assertThat(p).containsExactly(new InvalidWorkflow.Problem("actions[0].type",
                "cancel_payment changes an order, and trigger subscription.canceled has none"));
    }

    @Test
    void templatesMustCompileAndIncludeTheFallbackLocale() {
        List<InvalidWorkflow.Problem> p = problems("""
                {"name": "n", "trigger": "order.paid", "actions": [{"type": "email_buyer", "from": "a@b.example",
                  "templates": {"ko": {"subject": "{{#x}}", "text": "t"}}}]}
                """);
        assertThat(p).extracting(InvalidWorkflow.Problem::path)
                .containsExactlyInAnyOrder("actions[0].templates", "actions[0].templates.ko.subject");
    }

    @Test
    void aWorkflowNeedsAnActionAndEveryShippedTemplateIsValid() {
        assertThat(problems("{\"name\":\"n\",\"trigger\":\"order.paid\",\"actions\":[]}"))
                .extracting(InvalidWorkflow.Problem::path).containsExactly("actions");
        for (String name : WorkflowTemplates.NAMES) {
            Workflow w = WorkflowParser.parse(WorkflowTemplates.definition(name,
                    new WorkflowTemplates.Params("shop@example.com", List.of("ops@example.com"), true)), "wf_x", 1, "t", OutboundAddresses.publicOnly(HostResolver.SYSTEM));
            assertThat(w.enabled()).isTrue();
        }
        Workflow risk = WorkflowParser.parse(WorkflowTemplates.definition("cancel-high-risk",
                new WorkflowTemplates.Params("shop@example.com", List.of("ops@example.com"), false)), "wf_x", 1, "t",
                OutboundAddresses.publicOnly(HostResolver.SYSTEM));
        assertThat(risk.trigger()).as("a risk workflow decides once risk is analyzed, not when the order is created").isEqualTo(Trigger.ORDER_RISK_ANALYZED);
        assertThat(risk.actions()).extracting(a -> a.type().wire())
                .containsExactly("cancel_payment", "add_order_tag", "add_customer_tag", "email_staff");
    }

    @Test
    void webhookUrlsMustBePublicHttps() {
        OutboundAddresses addresses = OutboundAddresses.publicOnly(new FakeDns().answer("hooks.example.com", "93.184.216.34"));
        assertThat(WorkflowParser.webhookUrlProblem("https://hooks.example.com/orderhub", addresses)).isNull();
        for (String bad : List.of("http://hooks.example.com/x", "https://127.0.0.1/x", "https://localhost/x",
                "https://[::1]/x", "https://metadata.google.internal/x", "https://user:pw@hooks.example.com/",
                "https://intranet/x")) {
            assertThat(WorkflowParser.webhookUrlProblem(bad, addresses)).as(bad).isNotNull();
        }
    }

    @Test
    void theDefaultThankYouWorkflowIsAValidDefinition() {
        Workflow w = WorkflowParser.parse(ThankYouWorkflow.definition(), ThankYouWorkflow.ID, 1, "t", OutboundAddresses.publicOnly(HostResolver.SYSTEM));
        assertThat(w.trigger()).isEqualTo(Trigger.ORDER_PAID);
        assertThat(w.condition()).isNull();
        assertThat(w.actions()).extracting(Action::type).containsExactly(ActionType.AUTO_REPLY);
        assertThat(problems("{\"name\":\"x\",\"trigger\":\"subscription.created\",\"actions\":[{\"type\":\"auto_reply\"}]}"))
                .as("auto_reply needs an order").isNotEmpty();
    }
}

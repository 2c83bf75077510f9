package dev.orderhub.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.orderhub.http.outbound.FakeDns;
import dev.orderhub.http.outbound.OutboundAddresses;
import dev.orderhub.json.Json;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each check of a workflow definition: what is refused, at which path, and that the limit itself is allowed. */
class WorkflowParserChecksTest {
    private static final OutboundAddresses ADDRESSES =
            OutboundAddresses.publicOnly(new FakeDns().answer("hooks.example.com", "93.184.216.34"));

    private static Map<String, String> problems(String json) {
        InvalidWorkflow e = catchThrowableOfType(InvalidWorkflow.class,
                () -> WorkflowParser.parse(Json.parse(json), "wf_x", 1, "t", ADDRESSES));
        assertThat(e).as("refused: " + json).isNotNull();
        return e.problems().stream().collect(Collectors.toMap(InvalidWorkflow.Problem::path, InvalidWorkflow.Problem::message,
                (a, b) -> a + " | " + b));
    }

    private static Workflow parse(String json) {
        return WorkflowParser.parse(Json.parse(json), "wf_x", 7, "t", ADDRESSES);
    }

    /** A definition with the given actions, after order.paid. */
    private static String withActions(String actions) {
        return "{\"name\": \"n\", \"trigger\": \"order.paid\", \"actions\": [" + actions + "]}";
    }

    private static String withCondition(String condition) {
        return "{\"name\": \"n\", \"trigger\": \"order.paid\", \"condition\": " + condition
                + ", \"actions\": [{\"type\": \"capture_payment\"}]}";
    }

    private static String compare(int i) {
        return "{\"field\": \"amount\", \"op\": \"gte\", \"value\": " + i + "}";
    }

    @Test
    void aValidDefinitionKeepsItsPartsAndIsEnabledUnlessSaidOtherwise() {
        Workflow w = parse("""
                {"name": "Tag big orders", "trigger": "order.paid",
                 "condition": {"any": [{"field": "amount", "op": "gte", "value": 100}, {"not": {"field": "provider", "op": "eq", "value": "kofi"}}]},
                 "actions": [{"type": "add_order_tag", "tag": "big"}], "otherwise": [{"type": "cancel_payment", "reason": "fraudulent", "restock": true}]}
                """);
        assertThat(w.name()).isEqualTo("Tag big orders");
        assertThat(w.enabled()).isTrue();
        assertThat(w.version()).isEqualTo(7);
        assertThat(w.condition()).isInstanceOf(Condition.Any.class);
        assertThat(w.actions()).extracting(Action::type).containsExactly(ActionType.ADD_ORDER_TAG);
        assertThat(w.otherwise()).extracting(Action::type).containsExactly(ActionType.CANCEL_PAYMENT);
        assertThat(w.otherwise().get(0).flag("restock", false)).isTrue();
        assertThat(w.definition().get("enabled").booleanValue()).isTrue();

        Workflow off = parse("{\"name\": \"n\", \"enabled\": false, \"trigger\": \"order.paid\", \"actions\": [],"
                + " \"otherwise\": [{\"type\": \"capture_payment\"}]}");
        assertThat(off.enabled()).isFalse();
        assertThat(off.actions()).isEmpty();
        assertThat(off.otherwise()).hasSize(1);
        assertThat(WorkflowParser.stored(Json.parse("{\"name\": \"n\", \"trigger\": \"order.paid\", \"actions\": [{\"type\": \"webhook\","
                + " \"url\": \"https://10.0.0.1/\"}]}"), "wf_x", 3, "t").actions())
                .as("a stored definition was checked at save: its webhook host is checked again at each send").hasSize(1);
    }

    @Test
    void theShapeOfTheDefinitionIsChecked() {
        assertThat(problems("{\"name\": \"n\", \"enabled\": \"yes\", \"trigger\": \"order.paid\", \"actions\": {}}"))
                .containsEntry("enabled", "must be true or false").containsEntry("actions", "must be a list of actions");
        assertThat(problems("{\"name\": \"n\", \"trigger\": \"order.paid\"}")).containsOnlyKeys("actions")
                .containsEntry("actions", "is required (a list, possibly empty)");
        assertThat(problems("{\"name\": 5, \"trigger\": \"order.paid\", \"actions\": [\"tag\"]}"))
                .containsEntry("name", "must be text").containsEntry("actions[0]", "must be an object with a type");
        assertThat(problems("{\"trigger\": \"order.paid\", \"actions\": [{}]}"))
                .containsEntry("name", "is required").containsEntry("actions[0].type", "is required");
        assertThat(problems("{\"name\": \"" + "x".repeat(101) + "\", \"trigger\": \"order.paid\", \"actions\": []}"))
                .containsEntry("name", "must be 1 to 100 characters");
        assertThat(parse("{\"name\": \"" + "x".repeat(100) + "\", \"trigger\": \"order.paid\", \"actions\": [{\"type\": \"capture_payment\"}]}")
                .name()).hasSize(100);
    }

    @Test
    void atMostTwentyActions() {
        String action = "{\"type\": \"capture_payment\"}";
        assertThat(parse(withActions(String.join(",", java.util.Collections.nCopies(20, action)))).actions()).hasSize(20);
        assertThat(problems(withActions(String.join(",", java.util.Collections.nCopies(21, action)))))
                .containsOnlyKeys("actions").containsEntry("actions", "at most 20 actions");
    }

    @Test
    void conditionsNestAtMostEightDeep() {
        String eight = compare(1);
        for (int i = 0; i < 7; i++) {
            eight = i % 2 == 0 ? "{\"not\": " + eight + "}" : "{\"all\": [" + eight + "]}";
        }
        assertThat(parse(withCondition(eight)).condition()).isNotNull();
        String nine = "{\"not\": " + eight + "}";
        assertThat(problems(withCondition(nine)).values()).containsExactly("conditions nest at most 8 deep");
        assertThat(problems(withCondition("{\"all\": [" + eight + "]}")).values()).containsExactly("conditions nest at most 8 deep");
    }

    @Test
    void atMostFiftyComparisons() {
        String fifty = IntStream.range(0, 50).mapToObj(WorkflowParserChecksTest::compare).collect(Collectors.joining(","));
        assertThat(parse(withCondition("{\"all\": [" + fifty + "]}")).condition()).isNotNull();
        assertThat(problems(withCondition("{\"all\": [" + fifty + "," + compare(51) + "]}")))
                .containsOnlyKeys("condition.all[50]").containsEntry("condition.all[50]", "a workflow has at most 50 comparisons");
    }

    @Test
    void conditionNodesAreCheckedWithTheirPaths() {
        assertThat(problems(withCondition("[]"))).containsOnlyKeys("condition");
        assertThat(problems(withCondition("{\"all\": []}"))).containsOnlyKeys("condition.all")
                .containsEntry("condition.all", "must be a non-empty list of conditions");
        assertThat(problems(withCondition("{\"any\": [" + compare(1) + ", " + compare(2) + "], \"why\": 1}")))
                .containsOnlyKeys("condition.why");
        assertThat(problems(withCondition("{\"all\": [" + compare(1) + ", {\"not\": " + compare(2) + ", \"why\": 1}]}")))
                .containsOnlyKeys("condition.all[1].why");
        assertThat(problems(withCondition("{\"any\": [" + compare(1) + ", {\"not\": {\"field\": \"amount\", \"op\": \"gte\","
                + " \"value\": 1, \"unit\": \"cents\"}}]}"))).containsOnlyKeys("condition.any[1].not.unit");
    }

    @Test
    void eachActionParameterIsChecked() {
        assertThat(problems(withActions("{\"type\": \"add_order_tag\"}"))).containsEntry("actions[0].tag", "is required for add_order_tag");
        assertThat(problems(withActions("{\"type\": \"cancel_payment\", \"reason\": \"because\"}")))
                .containsOnlyKeys("actions[0].reason")
                .containsEntry("actions[0].reason", "one of [abandoned, duplicate, fraudulent, requested_by_customer]");
        assertThat(parse(withActions("{\"type\": \"mark_for_review\", \"reason\": \"because\"}")).actions()).hasSize(1);
        assertThat(problems(withActions("{\"type\": \"cancel_payment\", \"restock\": \"yes\"}")))
                .containsOnlyKeys("actions[0].restock");
        assertThat(problems(withActions("{\"type\": \"email_buyer\", \"from\": \"not an address\"}")))
                .containsOnlyKeys("actions[0].from");
        assertThat(problems(withActions("{\"type\": \"email_buyer\", \"from\": \"shop@example.com\", \"template\": \"hello\"}")))
                .containsOnlyKeys("actions[0].template");
        assertThat(problems(withActions("{\"type\": \"email_buyer\", \"from\": \"shop@example.com\", \"locale\": \"de\"}")))
                .containsOnlyKeys("actions[0].locale").containsEntry("actions[0].locale", "one of [en, ko]");
        assertThat(problems(withActions("{\"type\": \"email_buyer\", \"from\": \"shop@example.com\", \"locale\": \"eng\"}")))
                .containsEntry("actions[0].locale", "must be 2 characters");
        assertThat(problems(withActions("{\"type\": \"email_buyer\", \"from\": \"shop@example.com\", \"statusUrl\": \"http://shop.example/o\"}")))
                .containsOnlyKeys("actions[0].statusUrl");
        Workflow ok = parse(withActions("{\"type\": \"email_buyer\", \"from\": \"shop@example.com\", \"template\": \"thank_you\","
                + " \"locale\": \"ko\", \"statusUrl\": \"https://shop.example/o/{{publicOrderId}}\"}"));
        assertThat(ok.actions().get(0).text("locale")).isEqualTo("ko");
    }

    @Test
    void setStatusTakesOnlyAStatusAnOrderCanBeSetToByHand() {
        assertThat(parse(withActions("{\"type\": \"set_status\", \"status\": \"done\", \"reason\": \"shipped\"}")).actions()).hasSize(1);
        assertThat(parse(withActions("{\"type\": \"set_status\", \"status\": \"paid\", \"reason\": \"seen\"}")).actions()).hasSize(1);
        assertThat(problems(withActions("{\"type\": \"set_status\", \"status\": \"disputed\", \"reason\": \"x\"}")))
                .containsOnlyKeys("actions[0].status").containsEntry("actions[0].status",
                        "one of the statuses an order can be set to by hand: [canceled, done, failed, paid, refunded]");
    }

    @Test
    void staffRecipientsAreOneToTenAddresses() {
        String ten = IntStream.range(0, 10).mapToObj(i -> "\"ops" + i + "@example.com\"").collect(Collectors.joining(","));
        assertThat(parse(withActions("{\"type\": \"email_staff\", \"from\": \"shop@example.com\", \"to\": [" + ten + "]}"))
                .actions().get(0).list("to")).hasSize(10);
        assertThat(problems(withActions("{\"type\": \"email_staff\", \"from\": \"shop@example.com\", \"to\": [" + ten
                + ", \"x@example.com\"]}"))).containsOnlyKeys("actions[0].to");
        assertThat(problems(withActions("{\"type\": \"email_staff\", \"from\": \"shop@example.com\", \"to\": []}")))
                .containsOnlyKeys("actions[0].to");
        assertThat(problems(withActions("{\"type\": \"email_staff\", \"from\": \"shop@example.com\", \"to\": \"ops@example.com\"}")))
                .containsOnlyKeys("actions[0].to");
    }

    @Test
    void templatesAreCheckedPerLocaleAndPart() {
        String action = "{\"type\": \"email_buyer\", \"from\": \"shop@example.com\", \"templates\": %s}";
        assertThat(problems(withActions(action.formatted("{}")))).containsOnlyKeys("actions[0].templates");
        assertThat(problems(withActions(action.formatted("{\"en\": {\"subject\": \"s\", \"text\": \"t\"}, \"de\": {}}"))))
                .containsOnlyKeys("actions[0].templates.de");
        assertThat(problems(withActions(action.formatted("{\"en\": \"Hello\"}")))).containsOnlyKeys("actions[0].templates.en")
                .containsEntry("actions[0].templates.en", "must be {subject, text, html}");
        assertThat(problems(withActions(action.formatted("{\"en\": {\"subject\": \"s\", \"text\": \"t\", \"footer\": \"f\"}}"))))
                .containsOnlyKeys("actions[0].templates.en.footer");
        assertThat(problems(withActions(action.formatted("{\"en\": {\"subject\": \"s\"}}"))))
                .containsOnlyKeys("actions[0].templates.en.text").containsEntry("actions[0].templates.en.text", "is required");
        Workflow noHtml = parse(withActions(action.formatted("{\"en\": {\"subject\": \"Thanks {{buyerName}}\", \"text\": \"t\"}}")));
        assertThat(noHtml.actions()).as("html is optional").hasSize(1);
        assertThat(problems(withActions(action.formatted("{\"en\": {\"subject\": \"s\", \"text\": \"t\", \"html\": \"{{#x}}\"}}"))))
                .containsOnlyKeys("actions[0].templates.en.html");
    }

    @Test
    void webhookUrlProblemsSayWhatIsWrong() {
        assertThat(WorkflowParser.webhookUrlProblem("https://hooks example.com/", ADDRESSES)).isEqualTo("is not a URL");
        assertThat(WorkflowParser.webhookUrlProblem("https://user:pw@hooks.example.com/", ADDRESSES))
                .isEqualTo("must not carry credentials");
        assertThat(WorkflowParser.webhookUrlProblem("https://127.1/", ADDRESSES)).startsWith("must name a public host");
        assertThat(problems(withActions("{\"type\": \"webhook\", \"url\": \"https://user:pw@hooks.example.com/\"}")))
                .containsEntry("actions[0].url", "must not carry credentials");
        assertThat(parse(withActions("{\"type\": \"webhook\", \"url\": \"https://hooks.example.com/x\"}")).actions()).hasSize(1);
    }

    @Test
    void aSubjectHasAtMost200CharactersAndATextMore() {
        String action = "{\"type\": \"email_buyer\", \"from\": \"shop@example.com\", \"templates\": "
                + "{\"en\": {\"subject\": \"%s\", \"text\": \"%s\"}}}";
        assertThat(parse(withActions(action.formatted("s".repeat(200), "t".repeat(5000)))).actions()).hasSize(1);
        assertThat(problems(withActions(action.formatted("s".repeat(201), "t")))).containsOnlyKeys("actions[0].templates.en.subject")
                .containsEntry("actions[0].templates.en.subject", "must be 1 to 200 characters");
    }

    @Test
    void actionsNameTheirOptionsAndWhatTheyNeed() {
        assertThat(parse(withActions("{\"type\": \"cancel_payment\", \"restock\": false}")).actions().get(0).flag("restock", true))
                .isFalse();
        assertThat(parse(withActions("{\"type\": \"cancel_payment\"}")).actions().get(0).flag("restock", true)).isTrue();
        assertThat(parse("{\"name\": \"n\", \"trigger\": \"subscription.created\", \"actions\": [{\"type\": \"email_staff\","
                + " \"from\": \"shop@example.com\", \"to\": [\"ops@example.com\"]}, {\"type\": \"add_customer_tag\", \"tag\": \"sub\"}]}")
                .actions()).as("actions that change no order may follow a subscription").hasSize(2);
        assertThat(problems(withActions("{\"type\": \"launch_rocket\"}"))).containsEntry("actions[0].type",
                "unknown action launch_rocket; one of " + ActionType.wireNames());
        assertThat(ActionType.wireNames()).contains("add_order_tag", "webhook").hasSize(ActionType.values().length);
    }
}

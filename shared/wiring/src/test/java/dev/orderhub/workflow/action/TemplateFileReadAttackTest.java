package dev.orderhub.workflow.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.http.outbound.HostResolver;
import dev.orderhub.http.outbound.OutboundAddresses;
import dev.orderhub.json.Json;
import dev.orderhub.mail.AmountFormat;
import dev.orderhub.mail.AutoReplyTemplates;
import dev.orderhub.mail.MailTemplates;
import dev.orderhub.money.Money;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderStatus;
import dev.orderhub.site.AutoReply;
import dev.orderhub.workflow.Action;
import dev.orderhub.workflow.InvalidWorkflow;
import dev.orderhub.workflow.Subject;
import dev.orderhub.workflow.Workflow;
import dev.orderhub.workflow.WorkflowParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site owner's e-mail template tries to read the server's files (partials by path, file: URL,
 * relative name, class path resource, behind a delimiter change or a buyer-controlled dynamic
 * partial) or to call Java methods on the values. Saving such a template is refused naming the
 * tag; rendering one that got stored anyway (saved before the check existed) reads no file and
 * calls no method.
 */
class TemplateFileReadAttackTest {
    @TempDir
    Path dir;
    private String secret;
    private Path secretFile;

    @BeforeEach
    void plantASecret() throws IOException {
        secret = "SECRET-" + UUID.randomUUID();
        secretFile = dir.resolve("secret.txt");
        Files.writeString(secretFile, secret + "\n", StandardCharsets.UTF_8);
    }

    /** Every way mustache.java can be asked to load another template, each naming the secret file or a known one. */
    private List<String> fileReads() {
        String path = secretFile.toAbsolutePath().toString();
        String url = secretFile.toUri().toString();
        return List.of(
                "{{> " + path + "}}",
                "{{>" + url + "}}",
                "{{> pom.xml}}", // relative to the working directory (the module's own pom.xml)
                "{{> mail/thank_you.json}}", // a class path resource
                "{{=<% %>=}}<%> " + path + " %>",
                "{{<" + url + "}}{{/" + url + "}}",
                "{{>*buyerName}}"); // the buyer's name chooses the file
    }

    private Map<String, Object> values() {
        Map<String, Object> v = new HashMap<>();
        v.put("buyerName", secretFile.toAbsolutePath().toString());
        v.put("amount", "$12.50");
        v.put("items", List.of(Map.of("name", "Mug"), Map.of("name", "T-shirt")));
        v.put("hasItems", true);
        v.put("riskReasons", List.of("one", "two"));
        return v;
    }

    private static JsonNode ownTemplates(String subject, String text, String html) {
        ObjectNode en = Json.object().put("subject", subject).put("text", text);
        if (html != null) {
            en.put("html", html);
        }
        ObjectNode t = Json.object();
        t.set("en", en);
        return t;
    }

    private static String[] leaks(String secret) {
        return new String[] {secret, "orderhub-shared", "\"subject\""};
    }

    @Test
    void renderingAStoredTemplateNeverReadsAFile() {
        SoftAssertions softly = new SoftAssertions();
        for (String hostile : fileReads()) {
            String rendered;
            try {
                MailTemplates.Rendered r = MailTemplates.render(ownTemplates("s " + hostile, "t " + hostile, "<p>" + hostile + "</p>"),
                        "en", values());
                rendered = r.subject() + "\n" + r.text() + "\n" + r.html();
            } catch (RuntimeException refused) {
                rendered = refused.getMessage();
            }
            softly.assertThat(rendered).as(hostile).doesNotContain(leaks(secret));
        }
        softly.assertAll();
    }

    @Test
    void aStoredTemplateWithAPartialIsRefusedAtRenderNamingTheTag() {
        String tag = "{{> " + secretFile.toAbsolutePath() + "}}";
        assertThatThrownBy(() -> MailTemplates.render(ownTemplates(tag, "t", null), "en", values()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(tag).hasMessageNotContaining(secret);
    }

    @Test
    void aStoredWorkflowEmailWithAPartialFailsForGoodInsteadOfSending() {
        Workflow w = WorkflowParser.parse(workflowWith(Json.object().put("subject", "Hi").put("text", "Thanks")), "wf_x", 1, "t", OutboundAddresses.publicOnly(HostResolver.SYSTEM));
        String tag = "{{>" + secretFile.toUri() + "}}";
        ObjectNode params = w.actions().get(0).params().deepCopy();
        ((ObjectNode) params.get("templates").get("en")).put("text", "Thanks " + tag);
        Subject buyer = new Subject("site_a", "kofi_abc", "kofi", "ref-1", "paid", Money.ofMinor(300, "USD"), "Kim",
                "kim@example.com", List.of(), Set.of(), Map.of(), null, true, null);
        ActionFailed failed = catchThrowableOfType(ActionFailed.class, () -> WorkflowMail.compose(
                new ActionContext(w, "order.paid", buyer, "Shop", "run_x", "run_x-then-0"), new Action(w.actions().get(0).type(), params), null));
        assertThat(failed).isNotNull();
        assertThat(failed.permanent()).isTrue();
        assertThat(failed.getMessage()).contains(tag).doesNotContain(secret);

        Workflow stored = new Workflow(w.id(), w.name(), w.enabled(), w.trigger(), w.condition(),
                List.of(new Action(w.actions().get(0).type(), params)), List.of(), 1, "t", w.definition());
        InvalidWorkflow refused = catchThrowableOfType(InvalidWorkflow.class, () -> WorkflowParser.checkTemplates(stored));
        assertThat(refused).as("what the dry run answers").isNotNull();
        assertThat(refused.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("actions[0].templates.en.text");
            assertThat(p.message()).startsWith(tag + ": ");
        });
        WorkflowParser.checkTemplates(w); // the legitimate one passes
    }

    @Test
    void savingATemplateThatReadsAFileIsRefusedNamingTheTag() {
        for (String hostile : fileReads()) {
            for (String part : List.of("subject", "text", "html")) {
                ObjectNode en = Json.object().put("subject", "Hello").put("text", "Hello");
                en.put(part, "Hi " + hostile);
                InvalidWorkflow refused = catchThrowableOfType(InvalidWorkflow.class, () -> WorkflowParser.parse(
                        workflowWith(en), "wf_x", 1, "t", OutboundAddresses.publicOnly(HostResolver.SYSTEM)));
                assertThat(refused).as(part + ": " + hostile).isNotNull();
                String tagStart = hostile.substring(0, 3);
                assertThat(refused.problems()).as(hostile).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("actions[0].templates.en." + part);
                    assertThat(p.message()).contains(tagStart).doesNotContain(leaks(secret));
                });
            }
        }
    }

    @Test
    void theRefusalNamesTheTagAsWritten() {
        assertThat(MailTemplates.problem("Hi {{> file:///etc/hostname}}"))
                .isEqualTo("{{> file:///etc/hostname}}: a template cannot include other templates or files");
        assertThat(MailTemplates.problem("{{#items}}{{> samconfig.toml}}{{/items}}"))
                .isEqualTo("{{> samconfig.toml}}: a template cannot include other templates or files");
        assertThat(MailTemplates.problem("a {{=<% %>=}} <%buyerName%>"))
                .isEqualTo("{{=<% %>=}}: changing the delimiters is not allowed");
        assertThat(MailTemplates.problem("<b>{{{ buyerName }}}</b>")).startsWith("{{{ buyerName }}}: unescaped values are not allowed");
        assertThat(MailTemplates.problem("{{&buyerName}}")).startsWith("{{&buyerName}}: unescaped values are not allowed");
        assertThat(MailTemplates.problem("{{ items.size }}")).startsWith("{{items.size}}: not a variable of this template; "
                + "the variables are amount, buyerEmail, buyerName, currency");
        assertThat(MailTemplates.problem("{{name}}")).as("an item's name outside {{#items}}").startsWith("{{name}}: not a variable");
        assertThat(MailTemplates.problem("{{#riskReasons}}{{.}}{{/riskReasons}}{{#items}}{{name}}{{/items}}{{^items}}none{{/items}}"))
                .isNull();
        assertThat(MailTemplates.problem("{{#x}}")).startsWith("template does not compile: ");
        for (String name : List.of("thank_you", "staff_high_risk", "staff_review_needed", "staff_notice")) {
            MailTemplates.builtIn(name).forEach(locale -> locale.forEach(part ->
                    assertThat(MailTemplates.problem(part.asText())).as(name).isNull()));
        }
    }

    @Test
    void unescapedValuesAndUnknownVariablesAreRefusedAtSave() {
        for (String bad : List.of("{{{buyerName}}}", "{{&buyerName}}", "{{buyerName.bytes}}", "{{items.size}}",
                "{{buyerName.class.name}}", "{{hubSecret}}", "{{%IMPLICIT-ITERATOR}}", "{{$block}}x{{/block}}")) {
            ObjectNode en = Json.object().put("subject", "Hello " + bad).put("text", "Hello");
            InvalidWorkflow refused = catchThrowableOfType(InvalidWorkflow.class, () -> WorkflowParser.parse(
                    workflowWith(en), "wf_x", 1, "t", OutboundAddresses.publicOnly(HostResolver.SYSTEM)));
            assertThat(refused).as(bad).isNotNull();
            assertThat(refused.problems()).as(bad).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("actions[0].templates.en.subject");
                assertThat(p.message()).contains(bad.substring(0, bad.indexOf("}}")));
            });
        }
    }

    @Test
    void valuesAreReadFromTheMapNeverThroughMethods() {
        String probes = "[{{buyerName.bytes}}][{{items.size}}][{{buyerName.class.name}}][{{buyerName.length}}][{{hasItems.toString}}]"
                + "[{{#items}}{{name.bytes}}{{class}}{{/items}}][{{#riskReasons}}{{length}}{{/riskReasons}}]";
        MailTemplates.Rendered r = MailTemplates.render(ownTemplates(probes, probes, probes), "en", values());
        String nothing = "[][][][][][][]";
        assertThat(r.subject()).isEqualTo(nothing);
        assertThat(r.text()).isEqualTo(nothing);
        assertThat(r.html()).isEqualTo(nothing);
    }

    @Test
    void aLegitimateTemplateRendersKoreanNamesAndAmounts() {
        String amount = AmountFormat.format(Money.ofMinor(15000, "KRW"), Locale.KOREA);
        Map<String, Object> v = new HashMap<>(values());
        v.put("buyerName", "김민수 <b>");
        v.put("amount", amount);
        v.put("items", List.of(Map.of("name", "머그컵"), Map.of("name", "티셔츠 & 모자")));
        JsonNode t = ownTemplates("{{buyerName}}님, {{amount}} 결제 완료",
                "{{buyerName}}님, {{amount}}\n{{#items}}- {{name}}\n{{/items}}{{#riskReasons}}* {{.}}\n{{/riskReasons}}",
                "<p>{{buyerName}}님 {{amount}}</p>{{#hasItems}}<ul>{{#items}}<li>{{name}}</li>{{/items}}</ul>{{/hasItems}}");
        ObjectNode en = (ObjectNode) t.get("en");
        WorkflowParser.parse(workflowWith(en), "wf_x", 1, "t", OutboundAddresses.publicOnly(HostResolver.SYSTEM)); // accepted at save

        MailTemplates.Rendered r = MailTemplates.render(t, "en", v);
        assertThat(amount).isEqualTo("₩15,000");
        assertThat(r.subject()).isEqualTo("김민수 <b>님, ₩15,000 결제 완료");
        assertThat(r.text()).isEqualTo("김민수 <b>님, ₩15,000\n- 머그컵\n- 티셔츠 & 모자\n* one\n* two\n");
        assertThat(r.html()).isEqualTo("<p>김민수 &lt;b&gt;님 ₩15,000</p><ul><li>머그컵</li><li>티셔츠 &amp; 모자</li></ul>");
    }

    @Test
    void aStoredAutoReplyKeepsItsOldMeaningAndReadsNoFile() {
        String path = secretFile.toAbsolutePath().toString();
        Order order = new Order("site_a", "kofi_aaaaaaaaaaaaaaaaaaaa", "kofi", "ref-1", OrderStatus.PAID, OrderStatus.PAID,
                Money.ofMinor(15000, "KRW"), null, 0, false, "김민수", "kim@example.com", "잘 부탁해요", List.of(), null,
                false, "2025-03-01T00:00:00Z", "2025-03-01T00:00:00Z", Set.of(), Map.of(), null, null, 0);
        // Saved before templates were checked: the old auto-reply filled {{name}} placeholders only and
        // left everything else, partials included, as literal text.
        AutoReply stored = new AutoReply(true, "shop@example.com", "{{ buyerName }}님 감사합니다 {{> " + path + "}}",
                "{{buyerName}}: {{amount}} {{currency}} ({{orderId}}, {{siteName}})\n{{message}}\n{{{buyerName}}} {{#x}} {{unknown}}|"
                        + "{{=<% %>=}}<%> " + path + " %>{{buyerName.bytes}}");
        var mail = AutoReplyMail.compose(stored, order, "서울 커피");
        assertThat(mail.subject()).isEqualTo("김민수님 감사합니다 {{> " + path + "}}");
        assertThat(mail.text()).isEqualTo("김민수: 15000 KRW (kofi_aaaaaaaaaaaaaaaaaaaa, 서울 커피)\n잘 부탁해요\n{김민수} {{#x}} |"
                + "{{=<% %>=}}<%> " + path + " %>{{buyerName.bytes}}");
        assertThat(mail.subject() + mail.text()).doesNotContain(secret);
    }

    @Test
    void anAutoReplyIsCheckedByTheSameEngineAndTakesVariablesOnly() {
        assertThat(AutoReplyTemplates.problem("Thanks {{ buyerName }}, we got {{amount}} {{currency}} for {{orderId}} at {{siteName}}: {{message}}"))
                .isNull();
        assertThat(AutoReplyTemplates.problem("{{> /etc/hostname}}")).startsWith("{{> /etc/hostname}}: a template cannot include");
        assertThat(AutoReplyTemplates.problem("{{=| |=}}|> /etc/hostname|")).startsWith("{{=| |=}}: changing the delimiters");
        assertThat(AutoReplyTemplates.problem("{{buyerName.bytes}}")).startsWith("{{buyerName.bytes}}: not a variable");
        assertThat(AutoReplyTemplates.problem("{{riskLevel}}")).as("a workflow e-mail's value").startsWith("{{riskLevel}}: not a variable");
        assertThat(AutoReplyTemplates.problem("{{#message}}{{message}}{{/message}}")).startsWith("{{#message}}: this template takes {{variable}} tags only");
        assertThat(AutoReplyTemplates.problem("{{! note }}")).startsWith("{{!note}}: this template takes {{variable}} tags only");
    }

    private static JsonNode workflowWith(ObjectNode en) {
        ObjectNode templates = Json.object();
        templates.set("en", en);
        ObjectNode action = Json.object().put("type", "email_buyer").put("from", "shop@example.com");
        action.set("templates", templates);
        ObjectNode w = Json.object().put("name", "Thanks").put("trigger", "order.paid");
        w.putArray("actions").add(action);
        return w;
    }
}

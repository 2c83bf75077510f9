package dev.orderhub.workflow.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.http.outbound.HostResolver;
import dev.orderhub.http.outbound.OutboundAddresses;
import dev.orderhub.json.Json;
import dev.orderhub.money.Money;
import dev.orderhub.risk.RiskAssessment;
import dev.orderhub.risk.RiskLevel;
import dev.orderhub.workflow.Action;
import dev.orderhub.workflow.Subject;
import dev.orderhub.workflow.Workflow;
import dev.orderhub.workflow.WorkflowParser;
import dev.orderhub.workflow.WorkflowTemplates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The built-in e-mails as buyers and staff get them, per locale, against snapshots in
 * src/test/resources/snapshots/mail (-Dsnapshots.update=true rewrites them
 * and fails every case it rewrote, so that a rewrite is reviewed and never passes by itself).
 * The buyer's name carries HTML on purpose: escaped in the HTML part, as is in the text part.
 */
class WorkflowMailSnapshotTest {
    private static final Path SNAPSHOTS = Path.of("src/test/resources/snapshots/mail");

    private static Subject subject(Money amount) {
        return new Subject("site_a", "stripe_abc", "stripe", "pi_3MtwBwLkdIwHu7ix28a3tqPa", "paid", amount,
                "Kim <b>Minsu</b> & Co", "kim@example.com", List.of("Mug", "T-shirt <XL>"), Set.of("vip"),
                Map.of(), new RiskAssessment(RiskLevel.HIGH, 91, List.of("Stripe Radar: highest (score 91)",
                        "3 orders from this e-mail within 24 h"), "evt_1", "t"), true, "in_abcdefghij0123456789");
    }

    @ParameterizedTest
    @CsvSource({
        "thank-you-on-paid, en, 1250, USD",
        "thank-you-on-paid, ko, 1250, USD",
        "thank-you-on-paid, en, 15000, KRW",
        "thank-you-on-paid, ko, 15000, KRW",
        "cancel-high-risk, en, 3000, JPY",
        "cancel-high-risk, ko, 3000, JPY"})
    void rendersAsTheSnapshot(String template, String locale, long minor, String currency) throws IOException {
        Workflow w = WorkflowParser.parse(WorkflowTemplates.definition(template,
                new WorkflowTemplates.Params("shop@example.com", List.of("ops@example.com"), true)), "wf_x", 1, "t", OutboundAddresses.publicOnly(HostResolver.SYSTEM));
        Action mail = w.actions().stream().filter(a -> a.type().wire().startsWith("email_")).findFirst().orElseThrow();
        var params = mail.params().deepCopy().put("locale", locale);
        if (template.startsWith("thank")) {
            params.put("statusUrl", "https://shop.example.com/orders/{{publicOrderId}}");
        }
        Action localized = new Action(mail.type(), params);
        ActionContext ctx = new ActionContext(w, w.trigger().wire(), subject(Money.ofMinor(minor, currency)),
                "Seoul Coffee", "run_x", "run_x-then-0");
        WorkflowMail.Message m = WorkflowMail.compose(ctx, localized, null);
        String rendered = "to: " + m.to() + "\nlocale: " + m.locale() + "\nsubject: " + m.email().subject()
                + "\n--- text\n" + m.email().text() + "--- html\n" + m.email().html();
        Path file = SNAPSHOTS.resolve(template + "." + locale + "." + currency + ".txt");
        if (Boolean.getBoolean("snapshots.update")) {
            // Rewriting is never a pass: a run that rewrote a snapshot proves nothing until the diff is reviewed
            // and the test runs again without the property.
            Files.writeString(file, rendered, StandardCharsets.UTF_8);
            throw new AssertionError("snapshot " + file + " rewritten (-Dsnapshots.update); review the diff, "
                    + "then run again without -Dsnapshots.update");
        }
        assertThat(file).as("snapshot (make it with -Dsnapshots.update=true, review it, run again without)").exists();
        assertThat(rendered).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        assertThat(m.email().html()).doesNotContain("<b>Minsu</b>").contains("Kim &lt;b&gt;Minsu&lt;/b&gt; &amp; Co");
        assertThat(Json.write(m.email().subject())).doesNotContain("\\n");
    }
}

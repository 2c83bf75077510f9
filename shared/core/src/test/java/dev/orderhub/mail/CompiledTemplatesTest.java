package dev.orderhub.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A template is compiled once per container, not once per e-mail; and the kept compile is found
 * by the template's text, so a tenant whose template has the same name as another site's, or who
 * renders right after it, still gets only the text it supplied.
 */
class CompiledTemplatesTest {
    private static JsonNode thankYou(String subject, String text, String html) {
        return Json.parse("{\"en\":{\"subject\":" + Json.write(subject) + ",\"text\":" + Json.write(text)
                + ",\"html\":" + Json.write(html) + "}}");
    }

    @Test
    void twoSitesWithTheSameTemplateNameEachGetTheirOwnText() {
        Map<String, Object> values = Map.of("buyerName", "Jo");
        // Both sites call their template "thank-you"; only the texts differ.
        JsonNode siteA = thankYou("A thanks {{buyerName}}", "site A secret text for {{buyerName}}", "<p>A {{buyerName}}</p>");
        JsonNode siteB = thankYou("B thanks {{buyerName}}", "site B text for {{buyerName}}", "<p>B {{buyerName}}</p>");
        for (int round = 0; round < 3; round++) {
            MailTemplates.Rendered a = MailTemplates.render(siteA, "en", values);
            MailTemplates.Rendered b = MailTemplates.render(siteB, "en", values);
            assertThat(a.text()).isEqualTo("site A secret text for Jo");
            assertThat(b.text()).isEqualTo("site B text for Jo");
            assertThat(b.subject()).isEqualTo("B thanks Jo");
            assertThat(b.html()).isEqualTo("<p>B Jo</p>");
        }
    }

    @Test
    void theSameTextRendersAsHtmlAndAsTextEachItsOwnWay() {
        String source = "Hi {{buyerName}}";
        Map<String, Object> values = Map.of("buyerName", "<b>Jo</b>");
        assertThat(SellerTemplates.render(source, values, false)).isEqualTo("Hi <b>Jo</b>");
        assertThat(SellerTemplates.render(source, values, true)).isEqualTo("Hi &lt;b&gt;Jo&lt;/b&gt;");
        assertThat(SellerTemplates.render(source, values, false)).isEqualTo("Hi <b>Jo</b>");
    }

    @Test
    void aTemplateIsCompiledOncePerContainerNotOncePerEmail() {
        JsonNode templates = thankYou("Thanks {{buyerName}} " + System.nanoTime(), "Dear {{buyerName}}", "<p>{{buyerName}}</p>");
        long before = SellerTemplates.COMPILED.compiles();
        for (int i = 0; i < 100; i++) {
            assertThat(MailTemplates.render(templates, "en", Map.of("buyerName", "n" + i)).text()).isEqualTo("Dear n" + i);
        }
        // 100 e-mails of 3 parts: 300 compiles before the cache, at most 3 now (fewer if another test kept a part).
        assertThat(SellerTemplates.COMPILED.compiles() - before).isBetween(1L, 3L);
    }

    @Test
    void theCacheIsBoundedAndARefusedTemplateIsRefusedEveryTime() {
        CompiledTemplates small = new CompiledTemplates(2);
        for (String s : new String[] {"a{{x}}", "b{{x}}", "c{{x}}", "a{{x}}"}) {
            assertThat(small.get(s, false, t -> new SellerMustacheFactory(false, t).compile(new java.io.StringReader(t), "t"))
                    .execute(new java.io.StringWriter(), Map.of("x", "1")).toString()).isEqualTo(s.charAt(0) + "1");
        }
        assertThat(small.compiles()).as("a{{x}} was evicted by c{{x}} and compiled again").isEqualTo(4);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> SellerTemplates.render("{{>/etc/passwd}}", Map.of(), false))
                    .isInstanceOf(TemplateRefused.class);
        }
    }
}

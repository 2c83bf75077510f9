package dev.orderhub.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A seller's template may name only the variables of its kind of mail, list entries only inside
 * their list: nothing else of the hub's reaches a template, and the refusal names the tag.
 */
class SellerTemplateNamesTest {
    @Test
    void aSectionMustNameAVariable() {
        assertThat(MailTemplates.problem("{{#secrets}}x{{/secrets}}")).contains("{{#secrets}}").contains("not a variable");
        assertThat(MailTemplates.problem("{{^secrets}}x{{/secrets}}")).contains("{{^secrets}}").contains("not a variable");
    }

    @Test
    void whatASectionHoldsIsCheckedToo() {
        assertThat(MailTemplates.problem("{{#items}}{{name}}{{/items}}")).isNull();
        assertThat(MailTemplates.problem("{{#items}}{{password}}{{/items}}")).contains("{{password}}");
        assertThat(MailTemplates.problem("{{^hasItems}}{{password}}{{/hasItems}}")).contains("{{password}}");
    }

    @Test
    void aListsEntriesExistOnlyInsideTheList() {
        assertThat(MailTemplates.problem("{{#items}}{{/items}}{{name}}")).contains("{{name}}").contains("not a variable");
        assertThat(MailTemplates.problem("{{^items}}{{name}}{{/items}}")).as("an inverted section has no entry")
                .contains("{{name}}");
    }

    @Test
    void dynamicNamesAreRefusedAsSuch() {
        for (String t : List.of("{{*buyerName}}", "{{#*items}}x{{/*items}}", "{{^*items}}x{{/*items}}")) {
            assertThat(MailTemplates.problem(t)).as(t).contains("dynamic names are not allowed");
        }
    }

    @Test
    void anInvertedSectionRendersWhenItsValueIsEmpty() {
        var templates = Json.parse("{\"en\": {\"subject\": \"s\", \"text\": \"{{^hasItems}}nothing{{/hasItems}}{{#items}}{{name}};{{/items}}\"}}");
        assertThat(MailTemplates.render(templates, "en", Map.of("hasItems", false, "items", List.of())).text()).isEqualTo("nothing");
        assertThat(MailTemplates.render(templates, "en", Map.of("hasItems", true, "items", List.of(Map.of("name", "Mug"))))
                .text()).isEqualTo("Mug;");
    }
}

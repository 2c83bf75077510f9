package dev.orderhub.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A draft auto-reply rendered for a sample order, before it is saved: by the engine the real
 * auto-reply uses, with the values it offers and nothing else. A template that tries to leave
 * that engine (include a file, call a method, open a section, change the delimiters) is refused
 * with a 400 naming the tag and the field, and renders nothing.
 */
class AutoReplyPreviewIT {
    private static TestHub.Response preview(String clientId, String key, Map<String, ?> draft) {
        return TestHub.send("POST", "/admin/sites/" + clientId + "/settings/auto-reply/preview", "application/json",
                Json.write(draft), Map.of("authorization", "Bearer " + key));
    }

    @Test
    void aDraftIsRenderedWithTheSampleOrderAndTheSitesName() {
        JsonNode site = TestHub.newSite("Preview Shop");
        String clientId = site.get("clientId").asText();
        TestHub.Response r = preview(clientId, site.get("adminKey").asText(), Map.of(
                "subject", "Thanks {{ buyerName }}!",
                "body", "We got {{amount}} {{currency}} for {{orderId}} at {{siteName}}: {{message}} {not a tag}"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode sample = r.json().get("sample");
        assertThat(r.json().get("subject").asText()).isEqualTo("Thanks " + sample.get("buyerName").asText() + "!");
        assertThat(r.json().get("body").asText()).isEqualTo("We got " + sample.get("amount").asText() + " "
                + sample.get("currency").asText() + " for " + sample.get("orderId").asText() + " at Preview Shop: "
                + sample.get("message").asText() + " {not a tag}");
        assertThat(sample.get("buyerName").asText()).isNotBlank();
        assertThat(sample.get("siteName").asText()).isEqualTo("Preview Shop");
    }

    @Test
    void anEmptySubjectPreviewsTheDefaultTheBuyerWouldGet() {
        JsonNode site = TestHub.newSite("Preview default");
        TestHub.Response r = preview(site.get("clientId").asText(), site.get("adminKey").asText(), Map.of("body", "Hi"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("subject").asText()).isEqualTo("Thank you!");
        assertThat(r.json().get("body").asText()).isEqualTo("Hi");
    }

    @Test
    void aViewerMayPreviewItChangesNothing() {
        JsonNode site = TestHub.newSite("Preview viewer");
        String clientId = site.get("clientId").asText();
        String viewer = TestHub.send("POST", "/admin/sites/" + clientId + "/keys", "application/json",
                Json.write(Map.of("role", "viewer")), Map.of("authorization", "Bearer " + site.get("adminKey").asText()))
                .json().get("key").asText();
        TestHub.Response r = preview(clientId, viewer, Map.of("subject", "Hi {{buyerName}}", "body", "Thanks"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void templatesThatTryToLeaveTheSandboxAreRefusedNamingTheTagAndRenderNothing() throws Exception {
        JsonNode site = TestHub.newSite("Preview sandbox");
        String clientId = site.get("clientId").asText();
        String key = site.get("adminKey").asText();
        Path secret = Files.createTempFile("preview-secret", ".txt");
        Files.writeString(secret, "FILE-CONTENT-THAT-MUST-NOT-LEAK");
        Map<String, String> escapes = new LinkedHashMap<>();
        escapes.put("{{> " + secret + "}}", "{{> " + secret + "}}");
        escapes.put("{{>*buyerName}}", "{{>");
        escapes.put("{{<" + secret + "}}{{/" + secret + "}}", "{{<");
        escapes.put("{{buyerName.bytes}}", "{{buyerName.bytes}}");
        escapes.put("{{buyerName.getClass.forName}}", "{{buyerName.getClass.forName}}");
        escapes.put("{{#message}}{{.}}{{/message}}", "{{#message}}");
        escapes.put("{{#sample}}{{buyerName}}{{/sample}}", "{{#sample}}");
        escapes.put("{{^orderId}}none{{/orderId}}", "{{^orderId}}");
        escapes.put("{{{buyerName}}}", "{{{buyerName}}}");
        escapes.put("{{&buyerName}}", "{{&buyerName}}");
        escapes.put("{{=| |=}}|> " + secret + "|", "{{=| |=}}");
        escapes.put("{{*buyerName}}", "{{*buyerName}}");
        escapes.put("{{%IMPLICIT-ITERATOR}}", "{{%");
        escapes.put("{{$block}}x{{/block}}", "{{$");
        escapes.put("{{! a comment }}", "{{!");
        for (String field : List.of("subject", "body")) {
            for (var e : escapes.entrySet()) {
                TestHub.Response r = preview(clientId, key, Map.of(field, e.getKey()));
                assertThat(r.status()).as(field + " " + e.getKey() + " → " + r.body()).isEqualTo(400);
                JsonNode error = r.json().get("error");
                assertThat(error.get("field").asText()).as(e.getKey()).isEqualTo(field);
                assertThat(error.get("message").asText()).as(e.getKey()).contains(e.getValue());
                assertThat(r.body()).doesNotContain("FILE-CONTENT-THAT-MUST-NOT-LEAK").doesNotContain("java.lang");
                assertThat(r.json().has("subject") || r.json().has("body")).as("nothing rendered").isFalse();
            }
        }
    }

    @Test
    void anotherSitesKeyCannotPreviewWithTheVictimsName() {
        JsonNode victim = TestHub.newSite("Victim Secret Shop Name");
        JsonNode attacker = TestHub.newSite("Preview attacker");
        TestHub.Response r = preview(victim.get("clientId").asText(), attacker.get("adminKey").asText(),
                Map.of("body", "{{siteName}}"));
        assertThat(r.status()).as(r.body()).isIn(403, 404);
        assertThat(r.body()).doesNotContain("Victim Secret Shop Name");
    }

    @Test
    void malformedDraftsAre400NamingTheField() {
        JsonNode site = TestHub.newSite("Preview malformed");
        String clientId = site.get("clientId").asText();
        String key = site.get("adminKey").asText();
        assertThat(preview(clientId, key, Map.of("subject", 5)).json().get("error").get("field").asText()).isEqualTo("subject");
        assertThat(preview(clientId, key, Map.of("body", "x".repeat(10_001))).json().get("error").get("field").asText())
                .isEqualTo("body");
        assertThat(preview(clientId, key, Map.of("subject", "x".repeat(201))).json().get("error").get("field").asText())
                .isEqualTo("subject");
    }
}

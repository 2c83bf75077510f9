package dev.orderhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading back sent e-mail from each emulator's store into one shape, on recorded answers.
 *
 * <p>aws-ses-v2-local-store.json: what {@code GET /store} of aws-ses-v2-local (the npm stand-in in
 * package.json) answered after one SES v1 SendEmail, recorded on this project's stand-in.
 *
 * <p>localstack-aws-ses.json: {@code GET /_aws/ses} of LocalStack, written from its source: the
 * handler {@code SesServiceApiResource.on_get} answers {@code {"messages": [...]}}, each message
 * being what {@code save_for_retrospection} stored for SendEmail (Id, Region, Destination as sent,
 * Source, Subject, Body{text_part, html_part}, Timestamp) or for SendTemplatedEmail (Template,
 * TemplateData, no Body) in localstack/localstack,
 * localstack-core/localstack/services/ses/provider.py and models.py (SentEmail, SentEmailBody);
 * the message id is the one in LocalStack's SES guide (docs.localstack.cloud/user-guide/aws/ses/).
 */
class MailStoreTest {
    private static String sample(String name) throws IOException {
        try (InputStream in = MailStoreTest.class.getResourceAsStream("/mail-stores/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theStandInsStoreIsReadAsItIs() throws IOException {
        List<JsonNode> mail = MailStore.Format.SES_V2_LOCAL.parse(sample("aws-ses-v2-local-store.json"));

        assertThat(mail).hasSize(1);
        JsonNode m = mail.get(0);
        assertThat(m.get("messageId").asText()).isEqualTo("ses-806007968");
        assertThat(m.get("from").asText()).isEqualTo("no-reply@example.com");
        assertThat(m.get("destination").get("to")).extracting(JsonNode::asText).containsExactly("buyer-1@example.com");
        assertThat(m.get("subject").asText()).isEqualTo("Thanks Ko-fi Team");
        assertThat(m.get("body").get("text").asText()).isEqualTo("You sent 3.00 USD.");
    }

    @Test
    void localStacksStoreIsReadIntoTheStandInsShape() throws IOException {
        List<JsonNode> mail = MailStore.Format.LOCALSTACK.parse(sample("localstack-aws-ses.json"));

        assertThat(mail).hasSize(2);
        JsonNode m = mail.get(0);
        assertThat(m.get("messageId").asText()).isEqualTo("labpqxukegeaftfh-ymaouvvy-ribr-qeoy-izfp-kxaxbfcfsgbh-wpewvd");
        assertThat(m.get("from").asText()).isEqualTo("no-reply@example.com");
        assertThat(m.get("destination").get("to")).extracting(JsonNode::asText).containsExactly("buyer-1@example.com");
        assertThat(m.get("destination").get("cc")).extracting(JsonNode::asText).containsExactly("staff@example.com");
        assertThat(m.get("destination").get("bcc")).isEmpty();
        assertThat(m.get("subject").asText()).isEqualTo("Thanks Ko-fi Team");
        assertThat(m.get("body").get("text").asText()).isEqualTo("You sent 3.00 USD.");
        assertThat(m.get("body").get("html").isNull()).isTrue();

        // A templated send keeps no subject or body: read as null, not as an error or the text "null".
        JsonNode templated = mail.get(1);
        assertThat(templated.get("destination").get("to")).extracting(JsonNode::asText).containsExactly("jo@example.com");
        assertThat(templated.get("subject").isNull()).isTrue();
        assertThat(templated.get("body").get("text").isNull()).isTrue();
    }

    @Test
    void bothFormatsOfTheSameMailReadTheSame() throws IOException {
        JsonNode standIn = MailStore.Format.SES_V2_LOCAL.parse(sample("aws-ses-v2-local-store.json")).get(0);
        JsonNode localStack = MailStore.Format.LOCALSTACK.parse(sample("localstack-aws-ses.json")).get(0);

        for (String field : List.of("from", "subject")) {
            assertThat(localStack.get(field)).as(field).isEqualTo(standIn.get(field));
        }
        assertThat(localStack.get("destination").get("to")).isEqualTo(standIn.get("destination").get("to"));
        assertThat(localStack.get("body").get("text")).isEqualTo(standIn.get("body").get("text"));
    }

    @Test
    void eachStoreIsReadAtItsOwnPath() {
        java.net.URI endpoint = java.net.URI.create("http://127.0.0.1:4566");
        assertThat(MailStore.at(endpoint, MailStore.Format.SES_V2_LOCAL).url()).hasToString("http://127.0.0.1:4566/store");
        assertThat(MailStore.at(endpoint, MailStore.Format.LOCALSTACK).url()).hasToString("http://127.0.0.1:4566/_aws/ses");
    }

    @Test
    void anAnswerWithoutTheExpectedListHoldsNoMail() {
        assertThat(MailStore.Format.LOCALSTACK.parse("{\"emails\":[{\"subject\":\"x\"}]}")).isEmpty();
        assertThat(MailStore.Format.SES_V2_LOCAL.parse("{\"messages\":[{\"Subject\":\"x\"}]}")).isEmpty();
    }
}

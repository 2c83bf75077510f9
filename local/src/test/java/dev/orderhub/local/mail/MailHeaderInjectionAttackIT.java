package dev.orderhub.local.mail;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.TestHub;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile buyer pays with a name or an e-mail address made to add headers or recipients to
 * the site's auto-reply. Over the stand-ins, the e-mail SES stores has one recipient and a
 * one-line subject, or it is not sent and the order says why.
 */
class MailHeaderInjectionAttackIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private String clientId;
    private String adminKey;
    private String token;

    @BeforeEach
    void siteWithAnAutoReplyNamingTheBuyer() {
        JsonNode site = TestHub.newSite("Header injection test site");
        clientId = site.get("clientId").asText();
        adminKey = site.get("adminKey").asText();
        token = UUID.randomUUID().toString();
        TestHub.Response r = TestHub.putProvider(clientId, "kofi", adminKey, Map.of("verificationToken", token,
                "autoReply", Map.of("enabled", true, "from", "no-reply@example.com",
                        "subject", "Thanks {{buyerName}}", "body", "You sent {{amount}} {{currency}}.")));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private void pay(String name, String email) {
        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        data.put("verification_token", token);
        data.put("message_id", UUID.randomUUID().toString());
        data.put("kofi_transaction_id", UUID.randomUUID().toString());
        data.put("from_name", name);
        data.put("email", email);
        assertThat(TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded",
                Requests.form("data", data.toString()), Map.of()).status()).isEqualTo(200);
    }

    /** Every e-mail the target's SES stored with {@code part} in any of its recipients. */
    private static List<JsonNode> mailMentioning(String part) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : TestHub.sentMail()) {
            if (m.get("destination").toString().contains(part)) {
                out.add(m);
            }
        }
        return out;
    }

    @Test
    void aBuyerNameWithALineBreakStaysInsideTheOneLineSubject() {
        String buyer = "jo-" + UUID.randomUUID() + "@example.com";
        String list = "list-" + UUID.randomUUID() + "@attacker.example";
        pay("Jo\r\nBcc: " + list, buyer);

        JsonNode mail = await(() -> TestHub.mailTo(buyer), m -> !m.isEmpty(), WAIT).get(0);
        assertThat(mail.get("subject").asText()).isEqualTo("Thanks Jo Bcc: " + list);
        assertThat(mail.get("destination").get("to")).hasSize(1);
        assertThat(mail.get("destination").get("to").get(0).asText()).isEqualTo(buyer);
        assertThat(mail.get("destination").get("cc")).isEmpty();
        assertThat(mail.get("destination").get("bcc")).isEmpty();
        assertThat(mailMentioning(list)).isEmpty();
    }

    @Test
    void aBuyerAddressHidingASecondRecipientIsNotSentAndTheOrderSaysWhy() {
        String first = "jo-" + UUID.randomUUID() + "@example.com";
        String second = "second-" + UUID.randomUUID() + "@attacker.example";
        pay("Jo", first + ", " + second);

        JsonNode order = await(() -> TestHub.orders(clientId, adminKey), o -> !o.isEmpty(), WAIT).get(0);
        JsonNode detail = await(() -> TestHub.orderDetail(clientId, adminKey, order),
                d -> d.has("mailError"), WAIT);
        assertThat(detail.get("mailError").get("kind").asText()).isEqualTo("send");
        assertThat(detail.get("mailError").get("reason").asText())
                .contains("not sent").contains("recipient is not one e-mail address");
        assertThat(mailMentioning(second)).as("no e-mail went to, or named, the second address").isEmpty();
        assertThat(mailMentioning(first)).isEmpty();
    }
}

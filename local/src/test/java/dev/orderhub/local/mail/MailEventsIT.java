package dev.orderhub.local.mail;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.TestHub;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A bounce of the auto-reply, end to end over the local stack: a Ko-fi donation's thank-you is
 * sent through the SES stand-in, and SES's documented Bounce record (samples/ses/bounce.json,
 * samples/SOURCES.md) for that message id, delivered by SNS to the mail-events function, ends up
 * on the order, once however often SNS delivers it.
 */
class MailEventsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SAMPLE_MESSAGE_ID = "EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000";

    @Test
    void aBouncedAutoReplyIsRecordedOnItsOrderOnce() {
        JsonNode site = TestHub.newSite("Bounce test site");
        String clientId = site.get("clientId").asText();
        String adminKey = site.get("adminKey").asText();
        String token = UUID.randomUUID().toString();
        String buyer = "bounce-" + UUID.randomUUID() + "@example.com";
        assertThat(TestHub.putProvider(clientId, "kofi", adminKey, Map.of("verificationToken", token,
                "autoReply", Map.of("enabled", true, "from", "no-reply@example.com", "subject", "Thanks", "body", "Thank you.")))
                .status()).isEqualTo(200);
        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        data.put("verification_token", token);
        data.put("message_id", UUID.randomUUID().toString());
        data.put("email", buyer);
        assertThat(TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded",
                Requests.form("data", data.toString()), Map.of()).status()).isEqualTo(200);

        JsonNode order = await(() -> TestHub.orders(clientId, adminKey), o -> !o.isEmpty(), WAIT).get(0);
        String sesMessageId = await(() -> TestHub.mailTo(buyer), m -> !m.isEmpty(), WAIT).get(0).get("messageId").asText();
        JsonNode sent = await(() -> TestHub.orderDetail(clientId, adminKey, order),
                d -> "sent".equals(d.get("autoReply").get("state").asText()), WAIT);
        assertThat(sent.has("mailError")).isFalse();

        SNSEvent bounce = TestHub.snsEvent(Samples.read("ses/bounce.json").replace(SAMPLE_MESSAGE_ID, sesMessageId));
        TestHub.get().functions().invoke("MailEventsFunction", bounce);
        JsonNode bounced = TestHub.orderDetail(clientId, adminKey, order);
        assertThat(bounced.get("mailError")).isEqualTo(Json.parse(
                "{\"kind\":\"bounce\",\"reason\":\"Permanent\",\"at\":\"2017-08-05T00:41:02.669Z\"}"));
        assertThat(bounced.get("version").asLong()).as("one write for the bounce").isEqualTo(sent.get("version").asLong() + 1);

        TestHub.get().functions().invoke("MailEventsFunction", bounce); // SNS delivers at least once
        JsonNode again = TestHub.orderDetail(clientId, adminKey, order);
        assertThat(again.get("version").asLong()).as("the same notification changes nothing").isEqualTo(bounced.get("version").asLong());
        assertThat(again.get("mailError")).isEqualTo(bounced.get("mailError"));
    }

    @Test
    void aBounceOfAnUnknownEMailChangesNothingAndDoesNotFail() {
        // The documented sample's own message id was never sent by this hub.
        TestHub.get().functions().invoke("MailEventsFunction", TestHub.snsEvent(Samples.read("ses/bounce.json")));
        TestHub.get().functions().invoke("MailEventsFunction", TestHub.snsEvent("{not json"));
    }
}

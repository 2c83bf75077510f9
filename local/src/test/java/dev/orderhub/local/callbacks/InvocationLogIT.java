package dev.orderhub.local.callbacks;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.TestHub;
import dev.orderhub.log.JsonLog;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The handlers as deployed set the invocation's log context: a paid Ko-fi callback goes through the
 * callback function, the payment-events function and the workflow runner (whose SQS batches run on worker
 * threads), and every line about the site names the Lambda request that wrote it.
 */
class InvocationLogIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void everyLineAboutAPaidOrderNamesTheInvocationThatWroteIt() throws Exception {
        JsonNode site = TestHub.newSite("Request id site");
        String clientId = site.get("clientId").asText();
        String adminKey = site.get("adminKey").asText();
        String token = UUID.randomUUID().toString();
        String buyer = "buyer-" + UUID.randomUUID() + "@example.com";
        assertThat(TestHub.putProvider(clientId, "kofi", adminKey, Map.of("verificationToken", token,
                "autoReply", Map.of("enabled", true, "from", "no-reply@example.com", "subject", "Thanks",
                        "body", "Thank you."))).status()).isEqualTo(200);

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream[] before = new PrintStream[1];
        before[0] = JsonLog.redirect(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (captured) {
                    captured.write(b);
                }
                before[0].write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (captured) {
                    captured.write(b, off, len);
                }
                before[0].write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        try {
            ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
            data.put("verification_token", token);
            data.put("email", buyer);
            TestHub.Response r = TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded",
                    Requests.form("data", data.toString()), Map.of());
            assertThat(r.status()).isEqualTo(200);
            await(() -> TestHub.mailTo(buyer), m -> !m.isEmpty(), WAIT);
            Thread.sleep(500); // the runner's last lines, written after the e-mail was sent
        } finally {
            JsonLog.redirect(before[0]);
        }

        List<JsonNode> lines = new ArrayList<>();
        String text;
        synchronized (captured) {
            text = captured.toString(StandardCharsets.UTF_8);
        }
        for (String l : text.split("\n")) {
            if (l.startsWith("{") && l.contains(clientId)) {
                lines.add(Json.parse(l));
            }
        }
        assertThat(lines).as("lines about the site").hasSizeGreaterThanOrEqualTo(3);
        assertThat(lines).allSatisfy(l -> assertThat(l.path("requestId").asText()).as(l.toString()).isNotBlank());
        Set<String> requests = lines.stream().map(l -> l.path("requestId").asText()).collect(Collectors.toSet());
        // The callback, the payment-events function and the workflow runner are three invocations.
        assertThat(requests).as("distinct invocations").hasSizeGreaterThanOrEqualTo(3);
    }
}

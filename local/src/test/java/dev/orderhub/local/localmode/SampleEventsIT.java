package dev.orderhub.local.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.ColdStart;
import dev.orderhub.local.DemoSite;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.LocalMode;
import dev.orderhub.local.TestHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in events/ is accepted by its function through the `invoke` path, as
 * `sam local invoke -e events/X.json` would run it: HTTP events by their route key, SQS events
 * by the function the template attaches to the queue named in the event's eventSourceARN, EventBridge
 * scheduled events by the template's Schedule-triggered function, authorizer events by the authorizer in front
 * of the route they ask about.
 */
class SampleEventsIT {
    @BeforeAll
    static void demoSite() {
        TestHub.get();
        DemoSite.seed(TestHub.stack());
    }

    static Stream<Path> eventFiles() throws IOException {
        try (Stream<Path> files = Files.list(LocalHub.findRoot().resolve("events"))) {
            // env.json is not an event: it is `sam local invoke --env-vars events/env.json` (EventsEnvJsonIT)
            List<Path> list = files.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("env.json"))
                    .sorted().toList();
            assertThat(list).isNotEmpty();
            return list.stream();
        }
    }

    /** The samples a developer reaches for first; each is also run by {@link #isAcceptedByItsFunction}. */
    @org.junit.jupiter.api.Test
    void thereIsASampleForEachKindOfCall() throws IOException {
        List<String> names = eventFiles().map(p -> p.getFileName().toString()).toList();
        assertThat(names).contains("kofi-donation.json", "kofi-subscription.json", "kofi-shop_order.json",
                "admin-list-orders.json", "admin-order-match.json", "admin-order-status.json", "admin-order-reply.json",
                "intents-status.json", "intents-create.json", "live-status-connect.json", "live-status-subscribe.json",
                "live-status-disconnect.json", "mail-events-bounce.json", "mail-events-complaint.json");
    }

    @ParameterizedTest
    @MethodSource("eventFiles")
    void isAcceptedByItsFunction(Path file) throws IOException {
        LocalHub hub = TestHub.get();
        JsonNode event = Json.parse(Files.readString(file));
        boolean sns = event.has("Records") && "aws:sns".equals(event.get("Records").get(0).path("EventSource").asText());
        if (event.has("Records") && !sns) {
            assertThat(event.get("Records").get(0).get("eventSource").asText()).isEqualTo("aws:sqs");
        }
        String function = ColdStart.functionFor(hub.template(), event);
        assertThat(function).as(file + ": no function in template.yaml takes this event").isNotNull();
        JsonNode response = Json.parse(LocalMode.invoke(hub, function, file));
        if (sns) {
            assertThat(response.isNull()).as(file + " → " + response).isTrue(); // returned without throwing
        } else if (event.has("Records")) {
            assertThat(response.get("batchItemFailures")).as(file.toString()).isEmpty();
        } else if (ColdStart.isAuthorizerEvent(event)) {
            assertThat(response.get("isAuthorized").asBoolean()).as(file + " → " + response).isTrue();
            assertThat(response.get("context").get("authenticated").asText()).as(file + ": the demo key is valid → " + response)
                    .isEqualTo("true");
        } else if (ColdStart.isScheduledEvent(event)) { // the run's summary: the reconciler's look-ups, the scheduler's starts
            assertThat(response.has(function.equals("ReconcilerFunction") ? "checked" : "started")).as(file + " → " + response).isTrue();
        } else {
            assertThat(response.get("statusCode").asInt()).as(file + " → " + response).isBetween(200, 299);
        }
    }

}

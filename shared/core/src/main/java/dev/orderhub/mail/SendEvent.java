package dev.orderhub.mail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import java.util.Optional;

/**
 * SES's Send event for an e-mail of a workflow run: SES accepted the request and will try to
 * deliver it. Published by the configuration set's event destination (event type {@code send})
 * with the message's tags ({@code mail.tags}, name → list of values; "Contents of event data that
 * Amazon SES publishes" in the SES developer guide), from which the run is read ({@link MailTag}).
 *
 * @param configurationSet the configuration set SES names in the event ({@code ses:configuration-set})
 */
public record SendEvent(String messageId, MailTag tag, String configurationSet) {

    /** The event, or empty for other events, e-mails without a run's tags, and anything unreadable. */
    public static Optional<SendEvent> parse(String json) {
        JsonNode n;
        try {
            n = Json.parse(json);
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
        if (!"Send".equals(n.path("eventType").asText())) {
            return Optional.empty();
        }
        String messageId = n.path("mail").path("messageId").asText("");
        JsonNode tags = n.path("mail").path("tags");
        if (messageId.isEmpty()) {
            return Optional.empty();
        }
        return MailTag.read(one(tags, MailTag.SITE), one(tags, MailTag.RUN), one(tags, MailTag.SEND))
                .map(t -> new SendEvent(messageId, t, one(tags, "ses:configuration-set")));
    }

    /** A tag's value when SES lists exactly one (a tag set twice is not ours). */
    private static String one(JsonNode tags, String name) {
        JsonNode v = tags.path(name);
        return v.isArray() && v.size() == 1 && v.get(0).isTextual() ? v.get(0).asText() : null;
    }
}

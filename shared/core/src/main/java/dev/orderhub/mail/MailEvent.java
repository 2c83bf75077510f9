package dev.orderhub.mail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import java.util.Optional;

/**
 * A bounce or complaint as SES publishes it to SNS, read from the notification's JSON: through a
 * configuration set's event destination ({@code eventType}) or an identity's feedback
 * notifications ({@code notificationType}), both documented in the SES developer guide
 * ("Contents of event data that Amazon SES publishes", "Notification contents").
 *
 * @param kind     BOUNCE or COMPLAINT
 * @param messageId the SES message id of the e-mail it is about ({@code mail.messageId})
 * @param type     bounce: {@code bounceType} (Permanent, Transient, Undetermined); complaint: the
 *                 feedback type if given, else "complaint"
 * @param at       when it happened, SES's ISO-8601 timestamp
 * @param recipients how many recipients bounced or complained
 */
public record MailEvent(Kind kind, String messageId, String type, String at, int recipients) {
    public enum Kind { BOUNCE, COMPLAINT }

    /** The event, or empty for other notifications (deliveries, opens) and anything unreadable. */
    public static Optional<MailEvent> parse(String json) {
        JsonNode n;
        try {
            n = Json.parse(json);
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
        String what = n.path("eventType").asText(n.path("notificationType").asText(""));
        String messageId = n.path("mail").path("messageId").asText("");
        if (messageId.isEmpty()) {
            return Optional.empty();
        }
        if (what.equals("Bounce")) {
            JsonNode b = n.path("bounce");
            return Optional.of(new MailEvent(Kind.BOUNCE, messageId, b.path("bounceType").asText("Undetermined"),
                    b.path("timestamp").asText(n.path("mail").path("timestamp").asText()), b.path("bouncedRecipients").size()));
        }
        if (what.equals("Complaint")) {
            JsonNode c = n.path("complaint");
            String type = c.path("complaintFeedbackType").asText("");
            return Optional.of(new MailEvent(Kind.COMPLAINT, messageId, type.isEmpty() ? "complaint" : type,
                    c.path("timestamp").asText(n.path("mail").path("timestamp").asText()), c.path("complainedRecipients").size()));
        }
        return Optional.empty();
    }

    /** As the order keeps it: kind bounce or complaint, the type as the reason, and when. */
    public dev.orderhub.order.Order.MailError error() {
        return new dev.orderhub.order.Order.MailError(kind == Kind.BOUNCE ? dev.orderhub.order.Order.MailError.BOUNCE
                : dev.orderhub.order.Order.MailError.COMPLAINT, type, at);
    }

    /** Names the notification's change of the order, the same for a repeat (SNS delivers at least once). */
    public String changeKey() {
        return "mail_" + kind.name().toLowerCase(java.util.Locale.ROOT) + "_" + messageId;
    }
}

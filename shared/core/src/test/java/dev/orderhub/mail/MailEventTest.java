package dev.orderhub.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.order.Order;
import dev.orderhub.testing.Samples;
import org.junit.jupiter.api.Test;

/**
 * Reads SES's documented event records: samples/ses/bounce.json and complaint.json are the
 * examples of "Examples of event data that Amazon SES publishes to Amazon SNS" (samples/SOURCES.md).
 */
class MailEventTest {
    private static final String MESSAGE_ID = "EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000";

    @Test
    void aBounceNamesItsMessageTypeAndTime() {
        MailEvent e = MailEvent.parse(Samples.read("ses/bounce.json")).orElseThrow();
        assertThat(e.kind()).isEqualTo(MailEvent.Kind.BOUNCE);
        assertThat(e.messageId()).isEqualTo(MESSAGE_ID);
        assertThat(e.recipients()).isEqualTo(1);
        assertThat(e.error()).isEqualTo(new Order.MailError("bounce", "Permanent", "2017-08-05T00:41:02.669Z"));
    }

    @Test
    void aComplaintIsRecordedWithItsFeedbackType() {
        MailEvent e = MailEvent.parse(Samples.read("ses/complaint.json")).orElseThrow();
        assertThat(e.kind()).isEqualTo(MailEvent.Kind.COMPLAINT);
        assertThat(e.messageId()).isEqualTo(MESSAGE_ID);
        assertThat(e.error()).isEqualTo(new Order.MailError("complaint", "abuse", "2017-08-05T00:41:02.669Z"));
    }

    @Test
    void anIdentityNotificationNamesItsTypeNotificationType() {
        // Feedback notifications set directly on an identity carry notificationType instead of eventType.
        String notification = Samples.read("ses/bounce.json").replace("\"eventType\"", "\"notificationType\"");
        assertThat(MailEvent.parse(notification)).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(MailEvent.Kind.BOUNCE));
    }

    @Test
    void otherEventsAndUnreadableMessagesAreNotMailEvents() {
        assertThat(MailEvent.parse(Samples.read("ses/bounce.json").replace("\"Bounce\"", "\"Delivery\""))).isEmpty();
        assertThat(MailEvent.parse(Samples.read("ses/bounce.json").replace(MESSAGE_ID, ""))).isEmpty();
        assertThat(MailEvent.parse("{not json")).isEmpty();
        assertThat(MailEvent.parse("[]")).isEmpty();
    }
}

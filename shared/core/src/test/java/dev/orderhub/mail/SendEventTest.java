package dev.orderhub.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.testing.Samples;
import org.junit.jupiter.api.Test;

/** SES's Send event (the documented record, samples/ses/send.json) read back to the run and send it names. */
class SendEventTest {
    private static final String SAMPLE = Samples.read("ses/send.json");

    @Test
    void theDocumentedRecordNamesItsRunAndSend() {
        SendEvent e = SendEvent.parse(SAMPLE).orElseThrow();

        assertThat(e.messageId()).isEqualTo("EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000");
        assertThat(e.tag()).isEqualTo(new MailTag("site_example", "run_examplerunidexample2", "then-0-0"));
        assertThat(e.configurationSet()).isEqualTo("ConfigSet");
    }

    @Test
    void otherEventsAndEMailsWithoutARunsTagsAreNotSendEventsOfARun() {
        assertThat(SendEvent.parse(Samples.read("ses/bounce.json"))).isEmpty();
        assertThat(SendEvent.parse(SAMPLE.replace("\"orderhub-run\"", "\"other\""))).as("no run tag").isEmpty();
        assertThat(SendEvent.parse(SAMPLE.replace("\"site_example\"", "\"site_example\", \"site_other\"")))
                .as("a tag with two values").isEmpty();
        assertThat(SendEvent.parse(SAMPLE.replace("site_example", "SITE#x#RUN"))).as("not a site id").isEmpty();
        assertThat(SendEvent.parse(SAMPLE.replace("then-0-0", "then-0-0#x"))).as("not a send key").isEmpty();
        assertThat(SendEvent.parse("{not json")).isEmpty();
    }

    @Test
    void aRejectOrRenderingFailureOfARunsEMailIsNotASend() {
        // SES did not send these: taken for a Send, the run would never send the e-mail again.
        assertThat(SAMPLE).contains("\"eventType\": \"Send\"");
        assertThat(SendEvent.parse(SAMPLE.replace("\"eventType\": \"Send\"", "\"eventType\": \"Reject\""))).isEmpty();
        assertThat(SendEvent.parse(SAMPLE.replace("\"eventType\": \"Send\"", "\"eventType\": \"Rendering Failure\"")))
                .isEmpty();
    }
}

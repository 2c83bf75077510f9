package dev.orderhub.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.MessageRejectedException;
import software.amazon.awssdk.services.ses.model.MessageTag;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;
import software.amazon.awssdk.services.ses.model.SendEmailResponse;
import software.amazon.awssdk.services.ses.model.SesException;

/**
 * What SES's answer means for an e-mail: accepted (a message id), refused (a 4xx: SES did not take
 * it), or unknown (no answer, a connection lost mid-call, a 5xx: SES may have taken it). And every
 * e-mail of a run carries the tags its Send event is recorded by.
 */
class SesMailerOutcomeTest {
    private static final Email MAIL = new Email("shop@example.com", "jo@example.com", "Thanks", "Thank you.", null);
    private static final MailTag TAG = new MailTag("site_abcd", "run_abcdefghijkmnpqrstuv", "then-0-0");
    private final List<SendEmailRequest> sent = new ArrayList<>();

    private SesMailer answering(Supplier<SendEmailResponse> answer) {
        return new SesMailer(new SesClient() {
            @Override
            public SendEmailResponse sendEmail(SendEmailRequest request) {
                sent.add(request);
                return answer.get();
            }

            @Override
            public String serviceName() {
                return "ses";
            }

            @Override
            public void close() {}
        }, "orderhub-set");
    }

    @Test
    void aRunsEMailCarriesItsSiteRunAndSendAsTags() {
        String id = answering(() -> SendEmailResponse.builder().messageId("m-1").build()).send(MAIL, TAG);

        assertThat(id).isEqualTo("m-1");
        assertThat(sent.get(0).configurationSetName()).isEqualTo("orderhub-set");
        assertThat(sent.get(0).tags()).extracting(MessageTag::name, MessageTag::value).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("orderhub-site", "site_abcd"),
                org.assertj.core.groups.Tuple.tuple("orderhub-run", "run_abcdefghijkmnpqrstuv"),
                org.assertj.core.groups.Tuple.tuple("orderhub-send", "then-0-0"));
    }

    @Test
    void aTimeoutIsAnUnknownOutcome() {
        assertThatThrownBy(() -> answering(() -> {
            throw ApiCallTimeoutException.create(2000);
        }).send(MAIL, TAG)).isInstanceOf(MailOutcomeUnknown.class);
        assertThatThrownBy(() -> answering(() -> {
            throw SdkClientException.create("read", new SocketTimeoutException("Read timed out"));
        }).send(MAIL, TAG)).isInstanceOf(MailOutcomeUnknown.class);
    }

    @Test
    void aServerErrorIsAnUnknownOutcome() {
        assertThatThrownBy(() -> answering(() -> {
            throw SesException.builder().statusCode(503).message("Service Unavailable").build();
        }).send(MAIL, TAG)).isInstanceOf(MailOutcomeUnknown.class);
    }

    @Test
    void aRefusalOrAConnectionNeverMadeIsAFailure() {
        assertThatThrownBy(() -> answering(() -> {
            throw MessageRejectedException.builder().statusCode(400).message("Email address is not verified.").build();
        }).send(MAIL, TAG)).isInstanceOf(MessageRejectedException.class);
        assertThatThrownBy(() -> answering(() -> {
            throw SdkClientException.create("connect", new ConnectException("Connection refused"));
        }).send(MAIL, TAG)).isInstanceOf(SdkClientException.class).isNotInstanceOf(MailOutcomeUnknown.class);
    }
}

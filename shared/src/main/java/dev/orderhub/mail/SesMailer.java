package dev.orderhub.mail;

import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.Body;
import software.amazon.awssdk.services.ses.model.Content;
import software.amazon.awssdk.services.ses.model.Destination;
import software.amazon.awssdk.services.ses.model.Message;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;

/**
 * Sends through Amazon SES. The classic SES API is used rather than SES v2: its client is half
 * the size, which keeps the matcher's jar and cold start small, and SendEmail is all we need.
 */
public final class SesMailer implements Mailer {
    private final SesClient ses;
    private final String configurationSet;

    public SesMailer(SesClient ses) {
        this(ses, null);
    }

    /** @param configurationSet SES configuration set (event publishing: bounces, complaints), or null */
    public SesMailer(SesClient ses, String configurationSet) {
        this.ses = ses;
        this.configurationSet = configurationSet;
    }

    @Override
    public String send(Email email) {
        Body.Builder body = Body.builder().text(utf8(email.text()));
        if (email.html() != null) {
            body.html(utf8(email.html()));
        }
        return ses.sendEmail(SendEmailRequest.builder()
                .configurationSetName(configurationSet)
                .source(email.from())
                .destination(Destination.builder().toAddresses(email.to()).build())
                .message(Message.builder().subject(utf8(email.subject())).body(body.build()).build())
                .build()).messageId();
    }

    private static Content utf8(String s) {
        return Content.builder().charset("UTF-8").data(s).build();
    }
}

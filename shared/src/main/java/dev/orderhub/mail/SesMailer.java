package dev.orderhub.mail;

import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/** Sends through Amazon SES (API v2). */
public final class SesMailer implements Mailer {
    private final SesV2Client ses;

    public SesMailer(SesV2Client ses) {
        this.ses = ses;
    }

    @Override
    public String send(Email email) {
        Body.Builder body = Body.builder().text(utf8(email.text()));
        if (email.html() != null) {
            body.html(utf8(email.html()));
        }
        return ses.sendEmail(SendEmailRequest.builder()
                .fromEmailAddress(email.from())
                .destination(Destination.builder().toAddresses(email.to()).build())
                .content(EmailContent.builder().simple(Message.builder()
                        .subject(utf8(email.subject())).body(body.build()).build()).build())
                .build()).messageId();
    }

    private static Content utf8(String s) {
        return Content.builder().charset("UTF-8").data(s).build();
    }
}

package dev.orderhub.mail;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.Body;
import software.amazon.awssdk.services.ses.model.Content;
import software.amazon.awssdk.services.ses.model.Destination;
import software.amazon.awssdk.services.ses.model.Message;
import software.amazon.awssdk.services.ses.model.MessageTag;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;

/**
 * Sends through Amazon SES. The classic SES API is used rather than SES v2: its client is half
 * the size, which keeps the payment-events function's jar and cold start small, and SendEmail is all we need.
 *
 * <p>This is where headers are made, so this is where they are made safe, whatever rendered the
 * text: the recipient and the sender must each be exactly one address ({@link MailAddress}), or
 * nothing is sent ({@link UnsendableEmail}); the subject and the display name are put on one line
 * ({@link HeaderText}).
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
        return send(email, null);
    }

    /**
     * A 4xx is SES's refusal and is thrown as it is; a timeout, a connection lost after the
     * request went out, or a 5xx leaves open whether SES took the e-mail: {@link MailOutcomeUnknown}.
     * Only a connection that was never made is a plain failure (nothing reached SES).
     */
    @Override
    public String send(Email email, MailTag tag) {
        if (!MailAddress.isOne(email.to())) {
            throw new UnsendableEmail("the recipient is not one e-mail address");
        }
        if (!MailAddress.isOne(email.from())) {
            throw new UnsendableEmail("the sender is not one e-mail address");
        }
        Body.Builder body = Body.builder().text(utf8(email.text()));
        if (email.html() != null) {
            body.html(utf8(email.html()));
        }
        SendEmailRequest.Builder request = SendEmailRequest.builder()
                .configurationSetName(configurationSet)
                .source(source(email))
                .destination(Destination.builder().toAddresses(email.to()).build())
                .message(Message.builder().subject(utf8(HeaderText.oneLine(email.subject()))).body(body.build()).build());
        if (tag != null) {
            request.tags(MessageTag.builder().name(MailTag.SITE).value(tag.clientId()).build(),
                    MessageTag.builder().name(MailTag.RUN).value(tag.runId()).build(),
                    MessageTag.builder().name(MailTag.SEND).value(tag.sendKey()).build());
        }
        try {
            return ses.sendEmail(request.build()).messageId();
        } catch (SdkServiceException answered) {
            if (answered.statusCode() >= 500) {
                throw new MailOutcomeUnknown("SES answered " + answered.statusCode(), answered);
            }
            throw answered;
        } catch (SdkClientException noAnswer) {
            if (neverConnected(noAnswer)) {
                throw noAnswer;
            }
            throw new MailOutcomeUnknown("no answer from SES: " + noAnswer.getClass().getSimpleName(), noAnswer);
        }
    }

    private static boolean neverConnected(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.net.ConnectException || c instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /**
     * SES's Source: the address, after the display name when there is one. A name in plain ASCII
     * is a quoted string; any other is a MIME encoded word, as SES requires.
     */
    static String source(Email email) {
        String name = HeaderText.oneLine(email.fromName());
        if (name == null || name.isEmpty()) {
            return email.from();
        }
        if (StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
            return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\" <" + email.from() + ">";
        }
        return encodedWords(name) + " <" + email.from() + ">";
    }

    /** RFC 2047 encoded words of at most 75 characters each (45 bytes of UTF-8, never half a character). */
    private static String encodedWords(String name) {
        StringBuilder out = new StringBuilder();
        StringBuilder chunk = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            String c = new String(Character.toChars(cp));
            int n = c.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > 45) {
                out.append(out.length() == 0 ? "" : " ").append(encodedWord(chunk.toString()));
                chunk.setLength(0);
                bytes = 0;
            }
            chunk.append(c);
            bytes += n;
            i += Character.charCount(cp);
        }
        return out.append(out.length() == 0 ? "" : " ").append(encodedWord(chunk.toString())).toString();
    }

    private static String encodedWord(String s) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static Content utf8(String s) {
        return Content.builder().charset("UTF-8").data(s).build();
    }
}

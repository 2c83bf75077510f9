package dev.orderhub.mail;

/** Sends e-mail; returns the provider's message id. Throws when the message was not accepted. */
public interface Mailer {
    String send(Email email);
}

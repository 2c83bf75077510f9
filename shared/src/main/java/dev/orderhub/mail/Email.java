package dev.orderhub.mail;

/** One e-mail to one recipient: plain text, optionally with an HTML alternative. */
public record Email(String from, String to, String subject, String text, String html) {}

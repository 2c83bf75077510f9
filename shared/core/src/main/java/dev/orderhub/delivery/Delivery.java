package dev.orderhub.delivery;

import java.time.Instant;

/**
 * What one callback a site received was answered: when, from which provider, the outcome, the
 * HTTP status and reason code the provider got, the body's size and, for an accepted callback,
 * the first event it queued and that event's order. Never the body, headers or secrets.
 */
public record Delivery(Instant receivedAt, String provider, Outcome outcome, int status, String reason, int size,
        String eventId, String orderId, int events) {

    public enum Outcome {
        QUEUED, IGNORED, REFUSED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Outcome ofWire(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public static Delivery refused(Instant receivedAt, String provider, int status, String reason, int size) {
        return new Delivery(receivedAt, provider, Outcome.REFUSED, status, reason, size, null, null, 0);
    }
}

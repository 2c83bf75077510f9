package dev.orderhub.provider;

import dev.orderhub.event.PaymentEvent;
import java.util.List;

/**
 * What a verified callback leads to: events to queue (possibly none, e.g. an event type the hub
 * does not track) and, for providers that expect a synchronous answer (Xsolla's
 * user_validation), that answer.
 */
public record CallbackDecision(List<PaymentEvent> events, String note) {
    public CallbackDecision {
        events = List.copyOf(events);
    }

    public static CallbackDecision enqueue(List<PaymentEvent> events) {
        return new CallbackDecision(events, null);
    }

    public static CallbackDecision ignore(String why) {
        return new CallbackDecision(List.of(), why);
    }
}

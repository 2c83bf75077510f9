package dev.orderhub.queue;

import dev.orderhub.event.PaymentEvent;
import java.util.List;

/** Where verified callbacks go. A send that returns has been durably accepted by the queue. */
public interface EventQueue {
    void send(List<PaymentEvent> events);
}

package dev.orderhub.delivery;

/**
 * Where the callback pipeline notes each callback a known site received. Recording never throws
 * and never changes the callback's answer: a log that cannot be written is the operator's
 * problem to see in the logs, not the provider's.
 */
public interface DeliveryLog {
    /** Records nothing: for handlers built without a log (unit tests, tools). */
    DeliveryLog OFF = (clientId, delivery) -> { };

    void record(String clientId, Delivery delivery);
}

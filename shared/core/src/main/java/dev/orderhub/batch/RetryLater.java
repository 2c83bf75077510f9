package dev.orderhub.batch;

import java.time.Duration;

/**
 * A message that cannot be handled before some time has passed, through no fault of its own
 * (another worker holds its lease). {@link SqsBatch} makes it invisible for that long instead of
 * letting it come back at once: a quick redelivery would only find the lease still held and
 * spend the message's receives until it lands in the dead-letter queue.
 */
public final class RetryLater extends RuntimeException {
    private final Duration after;

    public RetryLater(String message, Duration after) {
        super(message, null, false, false);
        this.after = after.isNegative() ? Duration.ZERO : after;
    }

    public Duration after() {
        return after;
    }
}

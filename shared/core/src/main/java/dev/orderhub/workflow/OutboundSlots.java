package dev.orderhub.workflow;

import dev.orderhub.batch.RetryLater;
import java.time.Instant;

/**
 * A per-site cap on the workflow runs that call out (webhooks, Stripe and Shopify calls) at the
 * same time, across every runner: a site whose receiver is slow or hangs holds at most a few
 * runners, and the shared runner keeps serving the other sites. A slot whose holder died is free
 * again once its lease has passed.
 */
public interface OutboundSlots {
    /** How many runs of one site may call out at the same time, unless the deployment says otherwise. */
    int DEFAULT_PER_SITE = 2;

    /** A slot held by one run. */
    record Slot(String clientId, int index, String holder) {}

    /** A free slot for {@code runId} (or the one it already holds), else {@link RetryLater}. */
    Slot acquire(String clientId, String runId, Instant now);

    /** Frees the slot (its lease ends now), unless its lease passed and another run took it since. */
    void release(Slot slot);
}

package dev.orderhub.sync;

/** Where a sync run's next step goes, for the sync runner to pick it up. */
public interface SyncQueue {

    /** @param delaySeconds how long the queue holds the message back (0–900), e.g. after a failed page */
    void send(SyncMessage m, int delaySeconds);
}

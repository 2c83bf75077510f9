package dev.orderhub.sync;

import java.time.Instant;
import java.util.Optional;

/**
 * Sync jobs, one per site and provider: the job is the lock (a new run starts only while none runs)
 * and the progress: a page is saved only for the run's own next page, so a repeated or stale queue
 * message can never save a page twice or move the cursor back.
 */
public interface SyncJobStore {

    Optional<SyncJob> find(String clientId, String provider);

    /**
     * Starts a run unless one is running (and alive); the previous run's {@code syncedThrough} is kept.
     *
     * @return the new run, or empty when one is running
     */
    Optional<SyncJob> start(SyncJob job, String previousSyncedThrough, Instant now);

    /**
     * Saves one page: the position after it and the counts. Only the run's page that follows
     * {@code job} (same run, same page count, still running) is saved.
     *
     * @return the job after the page, or empty when this page was already saved or the run ended
     */
    Optional<SyncJob> savePage(SyncJob job, int resource, String cursor, int records, Instant now);

    /** Counts a page that failed after the client's retries; the run goes on from the same cursor. */
    Optional<SyncJob> recordError(SyncJob job, String error, Instant now);

    /** Ends the run as finished; the next incremental run starts from where this one started. */
    Optional<SyncJob> finish(SyncJob job, Instant now);

    Optional<SyncJob> fail(SyncJob job, String error, Instant now);
}

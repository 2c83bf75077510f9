package dev.orderhub.sync;

/**
 * One site's data sync with one provider, as stored on its job item: where it is (the resource
 * being listed and the cursor after the last saved page) and what it has done so far.
 *
 * @param runId this run's id; messages of an older run are ignored
 * @param state running, finished or failed
 * @param mode backfill (from {@code since}) or incremental (from the previous finished run's start)
 * @param since ISO-8601 instant: only objects created at or after it are listed
 * @param resource index into the source's resource list
 * @param cursor the provider's paging cursor within that resource (null: its first page)
 * @param syncedThrough the start of the last finished run: where the next incremental run begins
 */
public record SyncJob(String clientId, String provider, String runId, String state, String mode, String since,
        int resource, String cursor, long pages, long records, long errors, String lastError, String startedAt,
        String finishedAt, String updatedAt, String syncedThrough) {
    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    public static final String FAILED = "failed";

    public boolean running() {
        return RUNNING.equals(state);
    }
}

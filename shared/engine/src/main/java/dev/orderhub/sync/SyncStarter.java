package dev.orderhub.sync;

import dev.orderhub.db.Ids;
import java.time.Instant;

/**
 * Starts a sync run the one way both the admin API and the schedule do: take the site+provider's
 * lock (the job item's conditional put), then put the run on the sync-jobs queue. An incremental
 * run starts from the high-water mark of the last finished run ({@link SyncJob#syncedThrough()}:
 * where that run started, so nothing created while it ran is missed).
 */
public final class SyncStarter {
    public static final String BACKFILL = "backfill";
    public static final String INCREMENTAL = "incremental";
    private final SyncJobStore jobs;
    private final SyncQueue queue;

    public SyncStarter(SyncJobStore jobs, SyncQueue queue) {
        this.jobs = jobs;
        this.queue = queue;
    }

    /**
     * @param since for a backfill, the ISO-8601 instant it lists from; null for an incremental run
     * @throws NotStarted while a run of this site+provider is running, or for an incremental run
     *     when none has finished yet
     */
    public SyncJob start(String clientId, String provider, String mode, String since, Instant now) {
        SyncJob previous = jobs.find(clientId, provider).orElse(null);
        String syncedThrough = previous == null ? null : previous.syncedThrough();
        String from = since;
        if (INCREMENTAL.equals(mode)) {
            if (syncedThrough == null) {
                throw new NotStarted(NotStarted.NO_FINISHED_SYNC, "no sync has finished yet: start a backfill");
            }
            from = syncedThrough;
        }
        String runId = "sync_" + Ids.random(16);
        SyncJob job = new SyncJob(clientId, provider, runId, SyncJob.RUNNING, mode, from, 0, null, 0, 0, 0, null,
                null, null, null, null);
        SyncJob started = jobs.start(job, syncedThrough, now).orElseThrow(() -> new NotStarted(NotStarted.SYNC_RUNNING,
                "a " + provider + " sync of this site is running"));
        queue.send(new SyncMessage(clientId, provider, runId), 0);
        return started;
    }

    /** Why no run was started; {@link #code()} is what the admin API answers with its 409. */
    public static final class NotStarted extends RuntimeException {
        public static final String SYNC_RUNNING = "SYNC_RUNNING";
        public static final String NO_FINISHED_SYNC = "NO_FINISHED_SYNC";
        private final String code;

        NotStarted(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}

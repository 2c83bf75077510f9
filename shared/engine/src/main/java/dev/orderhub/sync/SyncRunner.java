package dev.orderhub.sync;

import dev.orderhub.log.JsonLog;
import dev.orderhub.provider.api.ProviderApiException;
import dev.orderhub.record.NormalizedRecord;
import dev.orderhub.record.RecordRepository;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.site.SiteRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Runs a sync job page by page within one invocation's time: each page's records are stored
 * with the callbacks' idempotent, newer-wins upsert, then the position after it is saved on the
 * job item. When the time left is below {@code reserve}, or a page fails after the API client's
 * own retries, the run is put back on the sync-jobs queue to go on from its last saved page. A
 * job that is killed in the middle therefore repeats at most the page it was on, which stores
 * nothing twice.
 */
public final class SyncRunner {
    private static final JsonLog LOG = JsonLog.get(SyncRunner.class);
    /** Pages that fail (after the client's retries) before the run gives up. */
    static final int MAX_ERRORS = 5;
    /** How long a run waits before it tries a failed page again. */
    static final int ERROR_DELAY_SECONDS = 60;

    private final SyncJobStore jobs;
    private final SiteRepository sites;
    private final RecordRepository records;
    private final SyncQueue queue;
    private final Map<String, SyncSource> sources;
    private final Duration reserve;
    private final Clock clock;

    public SyncRunner(SyncJobStore jobs, SiteRepository sites, RecordRepository records, SyncQueue queue,
            List<SyncSource> sources, Duration reserve, Clock clock) {
        this.jobs = jobs;
        this.sites = sites;
        this.records = records;
        this.queue = queue;
        this.sources = sources.stream().collect(Collectors.toMap(SyncSource::provider, s -> s));
        this.reserve = reserve;
        this.clock = clock;
    }

    /** @param remainingMillis the invocation's time left (Lambda's {@code getRemainingTimeInMillis}) */
    public void run(SyncMessage m, LongSupplier remainingMillis) {
        SyncJob job = jobs.find(m.clientId(), m.provider()).orElse(null);
        SyncSource source = sources.get(m.provider());
        if (job == null || !job.running() || !job.runId().equals(m.runId()) || source == null) {
            LOG.info("sync message of no running job ignored", "clientId", m.clientId(), "provider", m.provider(),
                    "runId", m.runId());
            return;
        }
        ProviderConfig config = sites.findConfig(m.clientId(), m.provider()).orElse(null);
        String missing = source.missing(config);
        if (missing != null) {
            jobs.fail(job, "not configured: " + missing, clock.instant());
            return;
        }
        Instant since = Instant.parse(job.since());
        while (true) {
            if (remainingMillis.getAsLong() < reserve.toMillis()) {
                queue.send(m, 0);
                progress("sync paused, continues from its cursor", job);
                return;
            }
            String resource = source.resources().get(job.resource());
            SyncSource.Page page;
            try {
                page = source.page(config, resource, since, job.cursor(), clock.instant());
            } catch (SyncSource.SyncRefused e) {
                jobs.fail(job, resource + ": " + e.getMessage(), clock.instant()).ifPresent(j -> progress("sync failed", j));
                return;
            } catch (ProviderApiException e) {
                retryLater(m, job, resource + ": " + e.getMessage());
                return;
            }
            for (NormalizedRecord r : page.records()) {
                records.upsert(m.clientId(), r);
            }
            boolean more = page.next() != null;
            int nextResource = more ? job.resource() : job.resource() + 1;
            Optional<SyncJob> saved = jobs.savePage(job, nextResource, page.next(), page.records().size(), clock.instant());
            if (saved.isEmpty()) {
                LOG.info("sync page already saved by another delivery; this one stops", "clientId", m.clientId(),
                        "provider", m.provider(), "runId", m.runId());
                return;
            }
            job = saved.get();
            progress("sync progress", job, "resource", resource, "served", page.served());
            if (job.resource() >= source.resources().size()) {
                jobs.finish(job, clock.instant()).ifPresent(j -> progress("sync finished", j));
                return;
            }
        }
    }

    private void retryLater(SyncMessage m, SyncJob job, String error) {
        Optional<SyncJob> counted = jobs.recordError(job, error, clock.instant());
        if (counted.isEmpty()) {
            return;
        }
        if (counted.get().errors() >= MAX_ERRORS) {
            jobs.fail(counted.get(), error, clock.instant()).ifPresent(j -> progress("sync failed", j));
            return;
        }
        queue.send(m, ERROR_DELAY_SECONDS);
        progress("sync page failed, retried later", counted.get());
    }

    private static void progress(String message, SyncJob j, Object... extra) {
        Object[] base = {"clientId", j.clientId(), "provider", j.provider(), "runId", j.runId(), "state", j.state(),
                "pages", j.pages(), "records", j.records(), "errors", j.errors(), "cursor", j.cursor()};
        Object[] all = new Object[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        LOG.info(message, all);
    }
}

package dev.orderhub.sync;

import dev.orderhub.log.JsonLog;
import dev.orderhub.site.SiteRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One schedule tick: for every site+provider whose schedule is on and due, an incremental run
 * from the last finished run's high-water mark, unless one is running (the job item's lock
 * refuses it; the next tick tries again). A site+provider that has never finished a run, or whose
 * config lacks what its list needs, is skipped and says why on its schedule. Ticks may overlap or
 * repeat (EventBridge delivers at least once): the lock still lets only one run start.
 */
public final class SyncScheduler {
    private static final JsonLog LOG = JsonLog.get(SyncScheduler.class);
    private final SyncSchedules schedules;
    private final SyncStarter starter;
    private final SiteRepository sites;
    private final Map<String, SyncSource> sources;
    private final Clock clock;

    public SyncScheduler(SyncSchedules schedules, SyncStarter starter, SiteRepository sites, List<SyncSource> sources,
            Clock clock) {
        this.schedules = schedules;
        this.starter = starter;
        this.sites = sites;
        this.sources = sources.stream().collect(Collectors.toMap(SyncSource::provider, s -> s));
        this.clock = clock;
    }

    /** @param due schedules that were due; started: runs started; skipped: due ones that started none */
    public record Summary(int due, int started, int skipped) {}

    public Summary tick() {
        Instant now = clock.instant();
        int due = 0;
        int started = 0;
        for (SyncSchedules.Schedule s : schedules.enabled()) {
            if (!s.due(now)) {
                continue;
            }
            due++;
            String outcome = startOne(s, now);
            boolean ok = outcome.startsWith("started ");
            schedules.recordTick(s, outcome, ok, now);
            started += ok ? 1 : 0;
            LOG.info("sync schedule tick", "clientId", s.clientId(), "provider", s.provider(), "outcome", outcome);
        }
        return new Summary(due, started, due - started);
    }

    private String startOne(SyncSchedules.Schedule s, Instant now) {
        SyncSource source = sources.get(s.provider());
        if (source == null) {
            return "skipped: no sync for " + s.provider();
        }
        String missing = source.missing(sites.findConfig(s.clientId(), s.provider()).orElse(null));
        if (missing != null) {
            return "skipped: not configured: " + missing;
        }
        try {
            return "started " + starter.start(s.clientId(), s.provider(), SyncStarter.INCREMENTAL, null, now).runId();
        } catch (SyncStarter.NotStarted e) {
            return "skipped: " + e.getMessage();
        }
    }
}

package dev.orderhub.sync;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which site+provider syncs the schedule keeps running, and how often: one schedule per site and
 * provider, which a scheduler tick reads all at once.
 */
public interface SyncSchedules {

    /**
     * @param intervalMinutes at least this long between two runs the schedule starts
     * @param lastStartedAt when the schedule last started a run (null: never)
     * @param lastOutcome what the last tick that was due did: "started sync_…", or why it started nothing
     */
    record Schedule(String clientId, String provider, boolean enabled, int intervalMinutes, String updatedAt,
            String lastTickAt, String lastStartedAt, String lastOutcome) {

        /** Due when enabled and never started, or started at least an interval ago. */
        public boolean due(Instant now) {
            return enabled && (lastStartedAt == null
                    || !Instant.parse(lastStartedAt).plusSeconds(intervalMinutes * 60L).isAfter(now));
        }
    }

    Optional<Schedule> find(String clientId, String provider);

    /** Turns the schedule on or off and sets its interval; what the last ticks did is kept. */
    Schedule put(String clientId, String provider, boolean enabled, int intervalMinutes, Instant now);

    /** Every site+provider whose schedule is on. */
    List<Schedule> enabled();

    /** Records what a due tick did; {@code started} also moves {@code lastStartedAt}, from which the next run is due. */
    void recordTick(Schedule schedule, String outcome, boolean started, Instant now);
}

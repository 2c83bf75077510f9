package dev.orderhub.record;

import dev.orderhub.db.CreatedRange;
import java.util.List;
import java.util.Optional;

/**
 * Normalized provider records of a site (the hub's table: {@code DynamoRecordRepository}). A record
 * is written only if absent or not newer than what arrives, so a late or repeated callback (or a
 * sync page fetched again) never replaces newer data.
 */
public interface RecordRepository {
    /** Stores the record unless a newer version is already there; true when written. */
    boolean upsert(String clientId, NormalizedRecord r);

    /**
     * The payment-events function's write of a record an event carried: only when it is not stored yet or differs
     * from what is, newer-wins as {@link #upsert}. True when written.
     */
    boolean upsertIfChanged(String clientId, NormalizedRecord r);

    Optional<NormalizedRecord> find(String clientId, String provider, String type, String id);

    /** A site's records of one type, oldest first, created in [from, to) when given (ISO-8601). */
    List<NormalizedRecord> list(String clientId, String type, String from, String to, int limit);

    /**
     * One page of a site's records of one type created in the range, newest first;
     * {@code cursor} is the previous page's {@link Page#next()}.
     *
     * @throws IllegalArgumentException for a cursor that is not one of ours
     */
    Page page(String clientId, String type, CreatedRange range, int limit, String cursor);

    /** One page of records and the cursor of the next one (null: none). */
    record Page(List<NormalizedRecord> records, String next) {}
}

package dev.orderhub.db;

import java.time.Instant;

/**
 * A creation-time range [from, to); either end may be open. {@link CreatedRangeQuery} turns it into
 * the key condition of a query on the table.
 */
public record CreatedRange(Instant from, Instant to) {
    public static final CreatedRange ALL = new CreatedRange(null, null);
}

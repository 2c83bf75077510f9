package dev.orderhub.record;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A provider object (charge, refund, subscription, customer, price, balance transaction, …) in
 * the hub's declared schema: {@code schemas/<type>.v<schemaVersion>.json} describes {@code data}.
 * Callbacks and provider syncs produce the same records, stored once per (site, type, id).
 *
 * @param type record type, e.g. "charge", "subscription"
 * @param id the provider's id of the object (e.g. "ch_…"), unique within its type and provider
 * @param sourceUpdated when the provider last changed the object (ISO-8601, or a number as text
 *     compared after left-padding); a record is only ever replaced by one at least as new
 */
public record NormalizedRecord(String type, String id, int schemaVersion, String provider, String sourceUpdated,
        String createdAt, boolean test, JsonNode data) {

    public NormalizedRecord {
        if (type == null || !type.matches("[a-z_]{2,40}")) {
            throw new IllegalArgumentException("record type must be lower-case letters and underscores");
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("record id is required");
        }
    }
}

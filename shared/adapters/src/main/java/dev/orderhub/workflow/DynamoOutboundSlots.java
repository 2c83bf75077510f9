package dev.orderhub.workflow;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.n;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.batch.RetryLater;
import dev.orderhub.db.Keys;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A per-site cap on the workflow runs that call out (webhooks, Stripe and Shopify calls) at the
 * same time, across every runner: a site whose receiver is slow or hangs holds at most
 * {@code perSite} runners, and the shared runner keeps serving the other sites. Each slot is one
 * item ({@code pk = SITE#<clientId>#OUTBOUND, sk = SLOT#<n>}) leased to a run with a conditional
 * put; a slot whose lease has passed (its runner died) is free again. A run that finds every slot
 * taken is postponed ({@link RetryLater}) for about as long as a call can take.
 */
public final class DynamoOutboundSlots implements OutboundSlots {
    private final DynamoDbClient db;
    private final String table;
    private final int perSite;
    private final Duration lease;
    private final Duration postpone;

    /**
     * @param lease how long a slot is held at most (the run's lease: longer than a runner lives)
     * @param postpone how long a run that found no slot waits before it is tried again
     */
    public DynamoOutboundSlots(DynamoDbClient db, String table, int perSite, Duration lease, Duration postpone) {
        this.db = db;
        this.table = table;
        this.perSite = perSite;
        this.lease = lease;
        this.postpone = postpone;
    }

    @Override
    public Slot acquire(String clientId, String runId, Instant now) {
        for (int i = 0; i < perSite; i++) {
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new HashMap<>(
                    key(pk(clientId), Keys.outboundSlot(i)));
            item.put("holder", s(runId));
            item.put("leaseUntil", n(now.plus(lease).getEpochSecond()));
            item.put("expiresAt", n(now.plus(lease).plus(Duration.ofDays(1)).getEpochSecond()));
            try {
                db.putItem(b -> b.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(pk) OR leaseUntil < :now OR holder = :holder")
                        .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()), ":holder", s(runId))));
                return new Slot(clientId, i, runId);
            } catch (ConditionalCheckFailedException taken) {
                // the next slot
            }
        }
        throw new RetryLater("site " + clientId + " already has " + perSite + " workflow runs calling out", postpone);
    }

    @Override
    public void release(Slot slot) {
        try {
            db.updateItem(b -> b.tableName(table).key(key(pk(slot.clientId()), Keys.outboundSlot(slot.index())))
                    .updateExpression("SET leaseUntil = :zero")
                    .conditionExpression("holder = :holder")
                    .expressionAttributeValues(Map.of(":holder", s(slot.holder()), ":zero", n(0))));
        } catch (ConditionalCheckFailedException gone) {
            // taken over after the lease: nothing of ours to free
        }
    }

    private static String pk(String clientId) {
        return Keys.outboundSlots(clientId);
    }
}

package dev.orderhub.sync;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.n;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Keys;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Sync job items, one per site and provider: {@code pk = SYNC#<clientId>, sk = <provider>}. The
 * item is the lock (a new run is a conditional put that fails while one runs) and the progress:
 * every page is saved with one conditional UpdateItem that only succeeds for the run's own next
 * page, so a repeated or stale queue message can never save a page twice or move the cursor back.
 */
public final class DynamoSyncJobStore implements SyncJobStore {
    /** A run whose item has not moved for this long is taken as dead (its messages were lost) and may be replaced. */
    static final Duration STALE = Duration.ofMinutes(30);
    private final DynamoDbClient db;
    private final String table;

    public DynamoSyncJobStore(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    @Override
    public Optional<SyncJob> find(String clientId, String provider) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(pk(clientId), provider)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toJob(clientId, provider, item));
    }

    @Override
    public Optional<SyncJob> start(SyncJob job, String previousSyncedThrough, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(pk(job.clientId()), job.provider()));
        item.put("type", s("syncJob"));
        item.put("runId", s(job.runId()));
        item.put("state", s(SyncJob.RUNNING));
        item.put("mode", s(job.mode()));
        item.put("since", s(job.since()));
        item.put("resourceIndex", n(0));
        item.put("pageCount", n(0));
        item.put("recordCount", n(0));
        item.put("errorCount", n(0));
        item.put("startedAt", s(now.toString()));
        item.put("updatedAt", s(now.toString()));
        Attrs.putIfPresent(item, "syncedThrough", previousSyncedThrough);
        try {
            db.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR #s <> :running OR updatedAt < :stale")
                    .expressionAttributeNames(Map.of("#s", "state"))
                    .expressionAttributeValues(Map.of(":running", s(SyncJob.RUNNING),
                            ":stale", s(now.minus(STALE).toString())))
                    .build());
        } catch (ConditionalCheckFailedException running) {
            return Optional.empty();
        }
        return find(job.clientId(), job.provider());
    }

    @Override
    public Optional<SyncJob> savePage(SyncJob job, int resource, String cursor, int records, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":run", s(job.runId()), ":pages", n(job.pages()),
                ":running", s(SyncJob.RUNNING), ":one", n(1), ":n", n(records), ":r", n(resource),
                ":now", s(now.toString())));
        String set = "SET resourceIndex = :r, pageCount = pageCount + :one, recordCount = recordCount + :n, updatedAt = :now";
        String update;
        if (cursor == null) {
            update = set + " REMOVE #c";
        } else {
            values.put(":c", s(cursor));
            update = set + ", #c = :c";
        }
        return update(job, update, values);
    }

    @Override
    public Optional<SyncJob> recordError(SyncJob job, String error, Instant now) {
        return update(job, "SET errorCount = errorCount + :one, lastError = :e, updatedAt = :now",
                new HashMap<>(Map.of(":run", s(job.runId()), ":pages", n(job.pages()), ":running", s(SyncJob.RUNNING),
                        ":one", n(1), ":e", s(error), ":now", s(now.toString()))));
    }

    @Override
    public Optional<SyncJob> finish(SyncJob job, Instant now) {
        return update(job, "SET #s = :done, finishedAt = :now, updatedAt = :now, syncedThrough = :start",
                new HashMap<>(Map.of(":run", s(job.runId()), ":pages", n(job.pages()), ":running", s(SyncJob.RUNNING),
                        ":done", s(SyncJob.FINISHED), ":now", s(now.toString()), ":start", s(job.startedAt()))));
    }

    @Override
    public Optional<SyncJob> fail(SyncJob job, String error, Instant now) {
        return update(job, "SET #s = :failed, finishedAt = :now, updatedAt = :now, lastError = :e",
                new HashMap<>(Map.of(":run", s(job.runId()), ":pages", n(job.pages()), ":running", s(SyncJob.RUNNING),
                        ":failed", s(SyncJob.FAILED), ":now", s(now.toString()), ":e", s(error))));
    }

    private Optional<SyncJob> update(SyncJob job, String expression, Map<String, AttributeValue> values) {
        Map<String, String> names = new HashMap<>(Map.of("#s", "state"));
        if (expression.contains("#c")) {
            names.put("#c", "cursor");
        }
        try {
            Map<String, AttributeValue> after = db.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(key(pk(job.clientId()), job.provider())).updateExpression(expression)
                    .conditionExpression("runId = :run AND pageCount = :pages AND #s = :running")
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValues("ALL_NEW").build()).attributes();
            return Optional.of(toJob(job.clientId(), job.provider(), after));
        } catch (ConditionalCheckFailedException notOurPage) {
            return Optional.empty();
        }
    }

    private static String pk(String clientId) {
        return Keys.syncJob(clientId);
    }

    private static SyncJob toJob(String clientId, String provider, Map<String, AttributeValue> i) {
        return new SyncJob(clientId, provider, Attrs.str(i, "runId"), Attrs.str(i, "state"), Attrs.str(i, "mode"),
                Attrs.str(i, "since"), (int) Attrs.num(i, "resourceIndex", 0), Attrs.str(i, "cursor"),
                Attrs.num(i, "pageCount", 0), Attrs.num(i, "recordCount", 0), Attrs.num(i, "errorCount", 0),
                Attrs.str(i, "lastError"), Attrs.str(i, "startedAt"), Attrs.str(i, "finishedAt"),
                Attrs.str(i, "updatedAt"), Attrs.str(i, "syncedThrough"));
    }
}

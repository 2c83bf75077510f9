package dev.orderhub.sync;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.n;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Keys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Which site+provider syncs the schedule keeps running, and how often: one item per site and
 * provider, all in one partition ({@code pk = SYNCSCHEDULES, sk = <clientId>#<provider>}) so that a
 * scheduler tick reads them with one paged Query. A hub has a few hundred sites at most, each
 * with one or two syncable providers; the partition stays small.
 */
public final class DynamoSyncSchedules implements SyncSchedules {
    static final String PK = Keys.SYNC_SCHEDULES;
    private final DynamoDbClient db;
    private final String table;

    public DynamoSyncSchedules(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    @Override
    public Optional<Schedule> find(String clientId, String provider) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(PK, sk(clientId, provider))).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toSchedule(item));
    }

    @Override
    public Schedule put(String clientId, String provider, boolean enabled, int intervalMinutes, Instant now) {
        Map<String, AttributeValue> after = db.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(key(PK, sk(clientId, provider)))
                .updateExpression("SET #t = :type, clientId = :c, provider = :p, enabled = :e, intervalMinutes = :i, updatedAt = :now")
                .expressionAttributeNames(Map.of("#t", "type"))
                .expressionAttributeValues(Map.of(":type", s("syncSchedule"), ":c", s(clientId), ":p", s(provider),
                        ":e", Attrs.bool(enabled), ":i", n(intervalMinutes), ":now", s(now.toString())))
                .returnValues("ALL_NEW").build()).attributes();
        return toSchedule(after);
    }

    @Override
    public List<Schedule> enabled() {
        List<Schedule> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
                    .filterExpression("enabled = :on")
                    .expressionAttributeValues(Map.of(":pk", s(PK), ":on", Attrs.bool(true)));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse r = db.query(q.build());
            r.items().forEach(i -> out.add(toSchedule(i)));
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    @Override
    public void recordTick(Schedule schedule, String outcome, boolean started, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":now", s(now.toString()), ":o", s(outcome)));
        String update = "SET lastTickAt = :now, lastOutcome = :o" + (started ? ", lastStartedAt = :now" : "");
        db.updateItem(UpdateItemRequest.builder().tableName(table).key(key(PK, sk(schedule.clientId(), schedule.provider())))
                .updateExpression(update).conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(values).build());
    }

    private static String sk(String clientId, String provider) {
        return Keys.syncSchedule(clientId, provider);
    }

    private static Schedule toSchedule(Map<String, AttributeValue> i) {
        return new Schedule(Attrs.str(i, "clientId"), Attrs.str(i, "provider"), Attrs.bool(i, "enabled"),
                (int) Attrs.num(i, "intervalMinutes", 0), Attrs.str(i, "updatedAt"), Attrs.str(i, "lastTickAt"),
                Attrs.str(i, "lastStartedAt"), Attrs.str(i, "lastOutcome"));
    }
}

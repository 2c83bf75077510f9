package dev.orderhub.workflow;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.n;
import static dev.orderhub.db.Attrs.s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.db.Attrs;
import dev.orderhub.db.Timestamps;
import dev.orderhub.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Workflow runs, one item per run keyed by its idempotency key ({@code pk = WFRUN#<clientId>#<runId>,
 * sk = #RUN}), listed per workflow newest first through index gsi1
 * ({@code gsi1pk = SITE#<clientId>#WFRUNS#<workflowId>}). The first delivery of a trigger creates
 * the run with a conditional put (an expired run counts as absent, whether or not TTL removed it);
 * a repeat finds it finished and stops, or finds it waiting for a retry and resumes it. Each
 * action's result is recorded under its index as soon as it is known, so a resumed run skips the
 * actions that succeeded.
 */
public final class RunStore {
    static final Duration KEEP = Duration.ofDays(90);
    /** How long a runner owns a run before another delivery may take it over. */
    static final Duration LEASE = Duration.ofMinutes(2);

    public enum State { RUNNING, RETRY, SUCCEEDED, FAILED, SKIPPED }

    private final DynamoDbClient db;
    private final String table;

    public RunStore(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /** A run as recorded: its branch and checks once evaluated, and the result of each action by branch index. */
    public record Run(String runId, State state, String branch, JsonNode checks, Map<String, JsonNode> results, int attempts) {
        public boolean succeeded(int index) {
            JsonNode r = results.get(Integer.toString(index));
            return r != null && "ok".equals(r.path("status").asText());
        }
    }

    /** What {@link #claim} found. */
    public sealed interface Claim {
        record Fresh(Run run) implements Claim {}

        record Resumed(Run run) implements Claim {}

        /** Finished before (SUCCEEDED, FAILED or SKIPPED): nothing to do. */
        record Done(Run run) implements Claim {}

        /** Another runner holds it right now. */
        record Busy() implements Claim {}
    }

    private static Map<String, AttributeValue> runKey(String clientId, String runId) {
        return key("WFRUN#" + clientId + "#" + runId, "#RUN");
    }

    public Claim claim(RunRequest r, Instant now) {
        String runId = r.runId();
        Map<String, AttributeValue> item = new HashMap<>(runKey(r.clientId(), runId));
        item.put("type", s("workflowRun"));
        item.put("runId", s(runId));
        item.put("workflowId", s(r.workflowId()));
        item.put("workflowVersion", n(r.version()));
        item.put("trigger", s(r.trigger()));
        item.put("triggerEventId", s(r.triggerEventId()));
        Attrs.putIfPresent(item, "orderId", r.orderId());
        if (r.orderId() == null && r.subject() != null) {
            item.put("subjectRef", s(r.subject().provider() + ":" + r.subject().orderRef()));
        }
        item.put("state", s(State.RUNNING.name()));
        item.put("attempts", n(1));
        item.put("lease", n(now.plus(LEASE).toEpochMilli()));
        item.put("results", AttributeValue.fromM(Map.of()));
        String started = Timestamps.fixed(now);
        item.put("startedAt", s(started));
        item.put("expiresAt", n(now.plus(KEEP).getEpochSecond()));
        item.put("gsi1pk", s(runsPartition(r.clientId(), r.workflowId())));
        item.put("gsi1sk", s(started + "#" + runId));
        try {
            db.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))).build());
            return new Claim.Fresh(new Run(runId, State.RUNNING, null, null, Map.of(), 1));
        } catch (ConditionalCheckFailedException exists) {
            Run run = find(r.clientId(), runId);
            if (run.state() == State.SUCCEEDED || run.state() == State.FAILED || run.state() == State.SKIPPED) {
                return new Claim.Done(run);
            }
            try {
                db.updateItem(UpdateItemRequest.builder().tableName(table).key(runKey(r.clientId(), runId))
                        .updateExpression("SET #s = :running, lease = :until ADD attempts :one")
                        .conditionExpression("#s = :retry OR (#s = :running AND lease < :nowMs)")
                        .expressionAttributeNames(Map.of("#s", "state"))
                        .expressionAttributeValues(Map.of(":running", s(State.RUNNING.name()), ":retry", s(State.RETRY.name()),
                                ":until", n(now.plus(LEASE).toEpochMilli()), ":nowMs", n(now.toEpochMilli()), ":one", n(1)))
                        .build());
                return new Claim.Resumed(find(r.clientId(), runId));
            } catch (ConditionalCheckFailedException held) {
                return new Claim.Busy();
            }
        }
    }

    /** Records the branch taken and the checks behind it, unless an earlier attempt did (a retry keeps its branch). */
    public Run decide(String clientId, Run run, String branch, List<ConditionEvaluator.Check> checks) {
        db.updateItem(UpdateItemRequest.builder().tableName(table).key(runKey(clientId, run.runId()))
                .updateExpression("SET branch = if_not_exists(branch, :b), checks = if_not_exists(checks, :c)")
                .expressionAttributeValues(Map.of(":b", s(branch), ":c", s(Json.write(checks)))).build());
        return find(clientId, run.runId());
    }

    public void recordAction(String clientId, String runId, int index, Map<String, Object> result) {
        db.updateItem(UpdateItemRequest.builder().tableName(table).key(runKey(clientId, runId))
                .updateExpression("SET results.#i = :r")
                .expressionAttributeNames(Map.of("#i", Integer.toString(index)))
                .expressionAttributeValues(Map.of(":r", s(Json.write(result)))).build());
    }

    public void finish(String clientId, String runId, State state, String note, Instant now) {
        finish(clientId, runId, state, note, now, -1, null);
    }

    /**
     * Finishes the run and records its last action's result in the same write (one write fewer
     * per run than {@link #recordAction} and then {@link #finish}).
     */
    public void finishWith(String clientId, String runId, int index, Map<String, Object> result, State state, String note,
            Instant now) {
        finish(clientId, runId, state, note, now, index, result);
    }

    private void finish(String clientId, String runId, State state, String note, Instant now, int index,
            Map<String, Object> result) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":s", s(state.name()));
        values.put(":at", s(Timestamps.fixed(now)));
        values.put(":note", s(note == null ? "" : note));
        Map<String, String> names = new HashMap<>(Map.of("#s", "state"));
        String set = "SET #s = :s, finishedAt = :at, note = :note";
        if (result != null) {
            set += ", results.#i = :r";
            names.put("#i", Integer.toString(index));
            values.put(":r", s(Json.write(result)));
        }
        db.updateItem(UpdateItemRequest.builder().tableName(table).key(runKey(clientId, runId))
                .updateExpression(set + " REMOVE lease")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values).build());
    }

    public Run find(String clientId, String runId) {
        Map<String, AttributeValue> i = db.getItem(GetItemRequest.builder().tableName(table)
                .key(runKey(clientId, runId)).consistentRead(true).build()).item();
        return toRun(i);
    }

    /**
     * The run of an order trigger, found by its key: the trigger fired with one of the order's
     * applied events (a few GetItems, only when someone looks at the order). Empty when none ran.
     */
    public Optional<Run> findForOrder(String clientId, String workflowId, String trigger, String orderId,
            java.util.Collection<String> eventIds) {
        for (String eventId : eventIds) {
            Map<String, AttributeValue> i = db.getItem(GetItemRequest.builder().tableName(table)
                    .key(runKey(clientId, RunRequest.runId(clientId, workflowId, orderId, trigger, eventId)))
                    .consistentRead(true).build()).item();
            if (i != null && !i.isEmpty()) {
                return Optional.of(toRun(i));
            }
        }
        return Optional.empty();
    }

    /** A workflow's runs, newest first, as the admin API shows them. */
    public List<Map<String, Object>> list(String clientId, String workflowId, int limit) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, AttributeValue> i : db.query(QueryRequest.builder().tableName(table).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :p")
                .expressionAttributeValues(Map.of(":p", s(runsPartition(clientId, workflowId))))
                .scanIndexForward(false).limit(limit).build()).items()) {
            out.add(view(i));
        }
        return out;
    }

    static String runsPartition(String clientId, String workflowId) {
        return "SITE#" + clientId + "#WFRUNS#" + workflowId;
    }

    private static Map<String, Object> view(Map<String, AttributeValue> i) {
        Map<String, Object> v = new java.util.LinkedHashMap<>();
        v.put("runId", Attrs.str(i, "runId"));
        v.put("workflowId", Attrs.str(i, "workflowId"));
        v.put("version", Attrs.num(i, "workflowVersion", 0));
        v.put("trigger", Attrs.str(i, "trigger"));
        v.put("triggerEventId", Attrs.str(i, "triggerEventId"));
        v.put("orderId", Attrs.str(i, "orderId"));
        v.put("state", Attrs.str(i, "state"));
        v.put("attempts", Attrs.num(i, "attempts", 0));
        v.put("branch", Attrs.str(i, "branch"));
        String checks = Attrs.str(i, "checks");
        v.put("conditions", checks == null ? List.of() : Json.parse(checks));
        Run run = toRun(i);
        List<Object> actions = new ArrayList<>();
        run.results().entrySet().stream().sorted(Map.Entry.comparingByKey((a, b) -> Integer.compare(
                Integer.parseInt(a), Integer.parseInt(b)))).forEach(e -> actions.add(e.getValue()));
        v.put("actions", actions);
        v.put("note", Attrs.str(i, "note"));
        v.put("startedAt", Attrs.str(i, "startedAt"));
        v.put("finishedAt", Attrs.str(i, "finishedAt"));
        return v;
    }

    private static Run toRun(Map<String, AttributeValue> i) {
        Map<String, JsonNode> results = new HashMap<>();
        AttributeValue r = i.get("results");
        if (r != null && r.hasM()) {
            r.m().forEach((k, v) -> results.put(k, Json.parse(v.s())));
        }
        String checks = Attrs.str(i, "checks");
        return new Run(Attrs.str(i, "runId"), State.valueOf(Attrs.str(i, "state")), Attrs.str(i, "branch"),
                checks == null ? null : Json.parse(checks), results, (int) Attrs.num(i, "attempts", 0));
    }
}

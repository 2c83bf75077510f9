package dev.orderhub.workflow;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.n;
import static dev.orderhub.db.Attrs.s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.config.HubConfig;
import dev.orderhub.db.Attrs;
import dev.orderhub.db.Keys;
import dev.orderhub.db.Timestamps;
import dev.orderhub.json.Json;
import dev.orderhub.order.OrderPointers;
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
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Workflow runs, one item per run keyed by its idempotency key ({@code pk = WFRUN#<clientId>#<runId>,
 * sk = #RUN}), listed per workflow newest first through index gsi1
 * ({@code gsi1pk = SITE#<clientId>#WFRUNS#<workflowId>}). The first delivery of a trigger creates
 * the run with a conditional put (a run about no order expires after 90 days, and an expired run
 * counts as absent, whether or not TTL removed it);
 * a repeat finds it finished and stops, or finds it waiting for a retry and resumes it. Each
 * action's result is recorded under its index as soon as it is known, so a resumed run skips the
 * actions already settled ({@link BranchRun}).
 *
 * <p>The run is listed where the admin page shows it by index keys on the run item itself, set
 * by the write that ends an attempt (finished, failed, skipped, or waiting for a retry) and by a
 * resume: under its workflow ({@code gsi1}) and, for a run about an order, on the order
 * ({@code gsi2pk = SITE#<clientId>#ORDERRUNS#<orderId>}), both sorted by the time the run was
 * first listed ({@code <time>#<runId>}; runs listed before this change, by their start). So the
 * claim is a plain conditional put and no second item is written: DynamoDB keeps the index
 * entries in step with the run, a repeated delivery has nothing to repair, and a run whose first
 * attempt is still going (or whose runner died before it ended) is listed once that attempt ends or
 * the run is resumed. A run about an order is kept as long as the order (no expiry): the order
 * lists it, and the trigger noted on the order, queued again by a later write of the order, finds
 * it done. Runs written before this kept a copy in the order's partition
 * ({@code sk = WFRUN#<startedAt>#<runId>}, see {@link OrderPointers}), which the order still lists.
 */
public final class DynamoRunStore implements RunStore {
    static final Duration KEEP = Duration.ofDays(90);
    private static final String POINTER = Keys.orderRunPrefix();

    private final DynamoDbClient db;
    private final String table;
    private final OrderPointers pointers;
    /** How long a runner owns a run before another delivery may take it over. */
    private final Duration lease;

    public DynamoRunStore(DynamoDbClient db, String table) {
        this(db, table, HubConfig.DEFAULT_WORKFLOW_RUN_LEASE);
    }

    public DynamoRunStore(DynamoDbClient db, String table, Duration lease) {
        this.db = db;
        this.table = table;
        this.pointers = new OrderPointers(db, table);
        this.lease = lease;
    }

    /** Run attributes {@code send:<send key>} = SES message id: the Send events recorded for the run. */
    private static final String SEND_EVENT = "send:";

    private static Map<String, AttributeValue> runKey(String clientId, String runId) {
        return key(Keys.run(clientId, runId), Keys.RUN_SK);
    }

    @Override
    public Claim claim(RunRequest r, Instant now) {
        return claim(r, now, null);
    }

    @Override
    public Claim claim(RunRequest r, Instant now, String knownBranch) {
        String runId = r.runId();
        // No index keys yet (listed from the attempt's end): the claim is one write unit, not one per index.
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
        item.put("rev", n(1));
        item.put("lease", n(now.plus(lease).toEpochMilli()));
        item.put("results", AttributeValue.fromM(Map.of()));
        if (knownBranch != null) {
            item.put("branch", s(knownBranch));
            item.put("checks", s("[]"));
        }
        String started = Timestamps.fixed(now);
        item.put("startedAt", s(started));
        if (r.orderId() == null) {
            item.put("expiresAt", n(now.plus(KEEP).getEpochSecond()));
        }
        try {
            db.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))).build());
            return new Claim.Fresh(toRun(item));
        } catch (ConditionalCheckFailedException exists) {
            Map<String, AttributeValue> stored = findItem(r.clientId(), runId);
            Run run = toRun(stored);
            if (run.state() == State.SUCCEEDED || run.state() == State.FAILED || run.state() == State.SKIPPED) {
                return new Claim.Done(run);
            }
            try {
                Map<String, AttributeValue> values = new HashMap<>(Map.of(":running", s(State.RUNNING.name()),
                        ":retry", s(State.RETRY.name()), ":until", n(now.plus(lease).toEpochMilli()),
                        ":nowMs", n(now.toEpochMilli()), ":one", n(1)));
                Map<String, AttributeValue> resumed = db.updateItem(UpdateItemRequest.builder().tableName(table)
                        .key(runKey(r.clientId(), runId))
                        .updateExpression("SET #s = :running, lease = :until, "
                                + listed(r.clientId(), r.workflowId(), r.orderId(), runId, now, values) + " ADD attempts :one, rev :one")
                        .conditionExpression("#s = :retry OR (#s = :running AND lease < :nowMs)")
                        .expressionAttributeNames(Map.of("#s", "state")).expressionAttributeValues(values)
                        .returnValues(ReturnValue.ALL_NEW).build()).attributes();
                return new Claim.Resumed(toRun(resumed), run.state() == State.RUNNING);
            } catch (ConditionalCheckFailedException held) {
                return new Claim.Busy(Instant.ofEpochMilli(Attrs.num(stored, "lease", now.toEpochMilli())));
            }
        }
    }

    @Override
    public Run decide(String clientId, Run run, String branch, List<ConditionEvaluator.Check> checks) {
        return toRun(db.updateItem(UpdateItemRequest.builder().tableName(table).key(runKey(clientId, run.runId()))
                .updateExpression("SET branch = if_not_exists(branch, :b), checks = if_not_exists(checks, :c)")
                .expressionAttributeValues(Map.of(":b", s(branch), ":c", s(Json.write(checks))))
                .returnValues(ReturnValue.ALL_NEW).build()).attributes());
    }

    @Override
    public void recordAction(String clientId, String runId, int index, Map<String, Object> result) {
        db.updateItem(UpdateItemRequest.builder().tableName(table).key(runKey(clientId, runId))
                .updateExpression("SET results.#i = :r")
                .expressionAttributeNames(Map.of("#i", Integer.toString(index)))
                .expressionAttributeValues(Map.of(":r", s(Json.write(result)))).build());
    }

    @Override
    public void finish(RunRequest r, State state, String note, Instant now) {
        finish(r.clientId(), r.workflowId(), r.orderId(), r.runId(), state, note, now, -1, null);
    }

    @Override
    public void finishWith(RunRequest r, int index, Map<String, Object> result, State state, String note, Instant now) {
        finish(r.clientId(), r.workflowId(), r.orderId(), r.runId(), state, note, now, index, result);
    }

    @Override
    public void finish(String clientId, String runId, State state, String note, Instant now) {
        Map<String, AttributeValue> stored = findItem(clientId, runId);
        finish(clientId, Attrs.str(stored, "workflowId"), Attrs.str(stored, "orderId"), runId, state, note, now, -1, null);
    }

    @Override
    public void finishWith(String clientId, String runId, int index, Map<String, Object> result, State state, String note,
            Instant now) {
        Map<String, AttributeValue> stored = findItem(clientId, runId);
        finish(clientId, Attrs.str(stored, "workflowId"), Attrs.str(stored, "orderId"), runId, state, note, now, index, result);
    }

    private void finish(String clientId, String workflowId, String orderId, String runId, State state, String note, Instant now,
            int index, Map<String, Object> result) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":s", s(state.name()));
        values.put(":at", s(Timestamps.fixed(now)));
        values.put(":note", s(note == null ? "" : note));
        values.put(":one", n(1));
        Map<String, String> names = new HashMap<>(Map.of("#s", "state"));
        String set = "SET #s = :s, finishedAt = :at, note = :note, " + listed(clientId, workflowId, orderId, runId, now, values);
        if (result != null) {
            set += ", results.#i = :r";
            names.put("#i", Integer.toString(index));
            values.put(":r", s(Json.write(result)));
        }
        db.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(runKey(clientId, runId))
                .updateExpression(set + " ADD rev :one REMOVE lease")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values).build());
    }

    /**
     * The SET clauses that list the run (see the class comment): under its workflow and, for a run
     * about an order, on the order, by the time it was first listed. Writing them again keeps
     * that time: the run keeps its place in both lists.
     */
    private static String listed(String clientId, String workflowId, String orderId, String runId, Instant now,
            Map<String, AttributeValue> values) {
        values.put(":g1pk", s(runsPartition(clientId, workflowId)));
        values.put(":gsk", s(Keys.listed(Timestamps.fixed(now), runId)));
        String set = "gsi1pk = :g1pk, gsi1sk = if_not_exists(gsi1sk, :gsk)";
        if (orderId != null) {
            values.put(":g2pk", s(orderRunsPartition(clientId, orderId)));
            set += ", gsi2pk = :g2pk, gsi2sk = if_not_exists(gsi2sk, :gsk)";
        }
        return set;
    }

    static String orderRunsPartition(String clientId, String orderId) {
        return Keys.orderRuns(clientId, orderId);
    }

    @Override
    public boolean recordSendEvent(String clientId, String runId, String sendKey, String messageId) {
        Map<String, AttributeValue> stored = findItem(clientId, runId);
        if (stored == null || stored.isEmpty()) {
            return false;
        }
        Run run = toRun(stored);
        int action = Integer.parseInt(sendKey.split("-")[1]);
        if (run.state() == State.SUCCEEDED || run.state() == State.FAILED || run.state() == State.SKIPPED
                || (sendKey.startsWith(run.branch() + "-") && run.succeeded(action)) || messageId.equals(run.sendEvents().get(sendKey))) {
            return false;
        }
        try {
            db.updateItem(UpdateItemRequest.builder().tableName(table).key(runKey(clientId, runId))
                    .updateExpression("SET #e = :m").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#e", SEND_EVENT + sendKey))
                    .expressionAttributeValues(Map.of(":m", s(messageId))).build());
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
    }

    @Override
    public Run find(String clientId, String runId) {
        return toRun(findItem(clientId, runId));
    }

    private Map<String, AttributeValue> findItem(String clientId, String runId) {
        return db.getItem(GetItemRequest.builder().tableName(table)
                .key(runKey(clientId, runId)).consistentRead(true).build()).item();
    }

    /**
     * The order's workflow runs, newest first, as the admin API shows them: the runs listed on the
     * order (index gsi2) and the copies runs written before that kept in the order's partition.
     */
    public OrderPointers.Shown forOrder(String clientId, String orderId) {
        int limit = OrderPointers.SHOWN;
        List<Map<String, AttributeValue>> listed = db.query(QueryRequest.builder().tableName(table).indexName("gsi2")
                .keyConditionExpression("gsi2pk = :p")
                .expressionAttributeValues(Map.of(":p", s(orderRunsPartition(clientId, orderId))))
                .scanIndexForward(false).limit(limit + 1).build()).items();
        OrderPointers.Newest copies = pointers.newest(clientId, orderId, POINTER, limit);
        Map<String, Map<String, AttributeValue>> byRun = new java.util.LinkedHashMap<>();
        copies.items().forEach(i -> byRun.put(Attrs.str(i, "runId"), i));
        listed.forEach(i -> byRun.put(Attrs.str(i, "runId"), i)); // the run itself over an older copy of it
        List<Map<String, AttributeValue>> newest = byRun.values().stream()
                .sorted(java.util.Comparator.comparing((Map<String, AttributeValue> i) -> Attrs.str(i, "startedAt")
                        + "#" + Attrs.str(i, "runId")).reversed()).toList();
        boolean more = copies.more() || listed.size() > limit || newest.size() > limit;
        return new OrderPointers.Newest(newest.subList(0, Math.min(limit, newest.size())), more).shown(DynamoRunStore::view);
    }

    @Override
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

    @Override
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
        return Keys.workflowRuns(clientId, workflowId);
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
        Map<String, String> sendEvents = new HashMap<>();
        i.forEach((name, v) -> {
            if (name.startsWith(SEND_EVENT) && v.s() != null) {
                sendEvents.put(name.substring(SEND_EVENT.length()), v.s());
            }
        });
        return new Run(Attrs.str(i, "runId"), State.valueOf(Attrs.str(i, "state")), Attrs.str(i, "branch"),
                checks == null ? null : Json.parse(checks), results, (int) Attrs.num(i, "attempts", 0), sendEvents);
    }
}

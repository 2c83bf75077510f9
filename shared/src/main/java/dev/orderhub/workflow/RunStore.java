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
 * the run with a conditional put (an expired run counts as absent, whether or not TTL removed it);
 * a repeat finds it finished and stops, or finds it waiting for a retry and resumes it. Each
 * action's result is recorded under its index as soon as it is known, so a resumed run skips the
 * actions already settled ({@link BranchRun}).
 *
 * <p>A run about an order is also copied into the order's partition
 * ({@code sk = WFRUN#<startedAt>#<runId>}, see {@link OrderPointers}) when it is claimed, resumed
 * and finished, so the order detail lists its runs with one Query. Each of those writes bumps the
 * run's {@code rev}, and the copy is only replaced by one of the same or a higher rev: a slow
 * runner cannot put back an older state, and a repeated write lands on the same item. A
 * duplicate delivery of a finished run writes the copy again, which repairs one lost before.
 */
public final class RunStore {
    static final Duration KEEP = Duration.ofDays(90);
    private static final String POINTER = Keys.orderRunPrefix();
    /** The run attributes its copy in the order's partition keeps (all that {@link #view} shows). */
    private static final List<String> COPIED = List.of("runId", "workflowId", "workflowVersion", "trigger", "triggerEventId",
            "orderId", "state", "attempts", "branch", "checks", "results", "note", "startedAt", "finishedAt", "rev");

    public enum State { RUNNING, RETRY, SUCCEEDED, FAILED, SKIPPED }

    private final DynamoDbClient db;
    private final String table;
    private final OrderPointers pointers;
    /** How long a runner owns a run before another delivery may take it over. */
    private final Duration lease;

    public RunStore(DynamoDbClient db, String table) {
        this(db, table, HubConfig.DEFAULT_WORKFLOW_RUN_LEASE);
    }

    public RunStore(DynamoDbClient db, String table, Duration lease) {
        this.db = db;
        this.table = table;
        this.pointers = new OrderPointers(db, table);
        this.lease = lease;
    }

    /**
     * A run as recorded: its branch and checks once evaluated, the result of each action by branch
     * index, and the sends SES reported with a Send event (send key → SES message id, {@link #recordSendEvent}).
     */
    public record Run(String runId, State state, String branch, JsonNode checks, Map<String, JsonNode> results, int attempts,
                      Map<String, String> sendEvents) {
        public boolean succeeded(int index) {
            JsonNode r = results.get(Integer.toString(index));
            return r != null && "ok".equals(r.path("status").asText());
        }

        /** The action's recorded result, or null. */
        public JsonNode result(int index) {
            return results.get(Integer.toString(index));
        }
    }

    /** Action status of a send whose outcome is unknown (next to "ok" and "failed"). */
    public static final String UNKNOWN = "unknown";
    /** Run attributes {@code send:<send key>} = SES message id: the Send events recorded for the run. */
    private static final String SEND_EVENT = "send:";

    /** What {@link #claim} found. */
    public sealed interface Claim {
        record Fresh(Run run) implements Claim {}

        record Resumed(Run run) implements Claim {}

        /** Finished before (SUCCEEDED, FAILED or SKIPPED): nothing to do. */
        record Done(Run run) implements Claim {}

        /** Another runner holds it right now. */
        /** Another worker holds the run until {@code leaseUntil}. */
        record Busy(Instant leaseUntil) implements Claim {}
    }

    private static Map<String, AttributeValue> runKey(String clientId, String runId) {
        return key(Keys.run(clientId, runId), Keys.RUN_SK);
    }

    public Claim claim(RunRequest r, Instant now) {
        return claim(r, now, null);
    }

    /**
     * @param knownBranch the branch when the workflow has no condition ("then"): recorded with the
     *     claim, so such a run needs no write of its own for the decision; null to decide later
     */
    public Claim claim(RunRequest r, Instant now, String knownBranch) {
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
        item.put("rev", n(1));
        item.put("lease", n(now.plus(lease).toEpochMilli()));
        item.put("results", AttributeValue.fromM(Map.of()));
        if (knownBranch != null) {
            item.put("branch", s(knownBranch));
            item.put("checks", s("[]"));
        }
        String started = Timestamps.fixed(now);
        item.put("startedAt", s(started));
        item.put("expiresAt", n(now.plus(KEEP).getEpochSecond()));
        item.put("gsi1pk", s(runsPartition(r.clientId(), r.workflowId())));
        item.put("gsi1sk", s(Keys.listed(started, runId)));
        try {
            db.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))).build());
            // No copy on the order yet: the attempt's end (finish, or a retry) writes it, one write
            // per run fewer; a run whose runner dies is listed once it is resumed.
            return new Claim.Fresh(toRun(item));
        } catch (ConditionalCheckFailedException exists) {
            Map<String, AttributeValue> stored = findItem(r.clientId(), runId);
            Run run = toRun(stored);
            if (run.state() == State.SUCCEEDED || run.state() == State.FAILED || run.state() == State.SKIPPED) {
                copyToOrder(r.clientId(), stored);
                return new Claim.Done(run);
            }
            try {
                Map<String, AttributeValue> resumed = db.updateItem(UpdateItemRequest.builder().tableName(table)
                        .key(runKey(r.clientId(), runId))
                        .updateExpression("SET #s = :running, lease = :until ADD attempts :one, rev :one")
                        .conditionExpression("#s = :retry OR (#s = :running AND lease < :nowMs)")
                        .expressionAttributeNames(Map.of("#s", "state"))
                        .expressionAttributeValues(Map.of(":running", s(State.RUNNING.name()), ":retry", s(State.RETRY.name()),
                                ":until", n(now.plus(lease).toEpochMilli()), ":nowMs", n(now.toEpochMilli()), ":one", n(1)))
                        .returnValues(ReturnValue.ALL_NEW).build()).attributes();
                copyToOrder(r.clientId(), resumed);
                return new Claim.Resumed(toRun(resumed));
            } catch (ConditionalCheckFailedException held) {
                return new Claim.Busy(Instant.ofEpochMilli(Attrs.num(stored, "lease", now.toEpochMilli())));
            }
        }
    }

    /** Records the branch taken and the checks behind it, unless an earlier attempt did (a retry keeps its branch). */
    public Run decide(String clientId, Run run, String branch, List<ConditionEvaluator.Check> checks) {
        return toRun(db.updateItem(UpdateItemRequest.builder().tableName(table).key(runKey(clientId, run.runId()))
                .updateExpression("SET branch = if_not_exists(branch, :b), checks = if_not_exists(checks, :c)")
                .expressionAttributeValues(Map.of(":b", s(branch), ":c", s(Json.write(checks))))
                .returnValues(ReturnValue.ALL_NEW).build()).attributes());
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
        values.put(":one", n(1));
        Map<String, String> names = new HashMap<>(Map.of("#s", "state"));
        String set = "SET #s = :s, finishedAt = :at, note = :note";
        if (result != null) {
            set += ", results.#i = :r";
            names.put("#i", Integer.toString(index));
            values.put(":r", s(Json.write(result)));
        }
        Map<String, AttributeValue> finished = db.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(runKey(clientId, runId))
                .updateExpression(set + " ADD rev :one REMOVE lease")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW).build()).attributes();
        copyToOrder(clientId, finished);
    }

    /**
     * Records SES's Send event for one send of the run ({@code send:<send key>} = message id),
     * which a runner waiting on that send's unknown outcome reads when it resumes. Every e-mail a
     * run sends brings one, so the usual case costs a read only: a run that finished, or whose
     * action is recorded done, needs no record. The key is the site's own run partition, and a
     * run that does not exist there is not created.
     *
     * @return whether it was recorded
     */
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

    public Run find(String clientId, String runId) {
        return toRun(findItem(clientId, runId));
    }

    private Map<String, AttributeValue> findItem(String clientId, String runId) {
        return db.getItem(GetItemRequest.builder().tableName(table)
                .key(runKey(clientId, runId)).consistentRead(true).build()).item();
    }

    /** Copies a run about an order into the order's partition, unless a newer copy is there already. */
    private void copyToOrder(String clientId, Map<String, AttributeValue> run) {
        String orderId = Attrs.str(run, "orderId");
        if (orderId == null) {
            return; // a subscription's run: there is no order to list it on
        }
        Map<String, AttributeValue> item = new HashMap<>(OrderPointers.key(clientId, orderId, POINTER,
                Attrs.str(run, "startedAt"), Attrs.str(run, "runId")));
        COPIED.stream().filter(run::containsKey).forEach(a -> item.put(a, run.get(a)));
        item.put("type", s("orderWorkflowRun"));
        try {
            db.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR rev <= :rev")
                    .expressionAttributeValues(Map.of(":rev", n(Attrs.num(run, "rev", 0)))).build());
        } catch (ConditionalCheckFailedException newerCopy) {
            // a later claim or finish has written its state already
        }
    }

    /** The order's workflow runs, newest first, as the admin API shows them. */
    public OrderPointers.Shown forOrder(String clientId, String orderId) {
        return pointers.newest(clientId, orderId, POINTER, OrderPointers.SHOWN).shown(RunStore::view);
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

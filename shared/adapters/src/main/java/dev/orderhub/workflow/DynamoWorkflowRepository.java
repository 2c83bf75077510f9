package dev.orderhub.workflow;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.n;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Keys;
import dev.orderhub.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.orderhub.site.SiteCache;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A site's workflows, in the site's own workflow partition {@code pk = SITE#<clientId>#WORKFLOWS}
 * (not {@code SITE#<clientId>} itself: every callback reads that whole partition, and workflow
 * versions accumulate):
 * <ul>
 *   <li>{@code sk = WF#<id>}: the current version (what runs), removed when the workflow is deleted;</li>
 *   <li>{@code sk = WFV#<id>#<version, 10 digits>}: every saved version, immutable, so a run
 *       always finds the version it was dispatched with.</li>
 * </ul>
 * A save writes the new version item only if absent and then moves the current item only from the
 * version it read, so two admins saving at once get one version each or a conflict, never a lost edit.
 */
public final class DynamoWorkflowRepository implements WorkflowRepository {
    private final DynamoDbClient db;
    private final String table;
    private final SiteCache cache;

    /** Reads every time: what the admin API uses. */
    public DynamoWorkflowRepository(DynamoDbClient db, String table) {
        this(db, table, new SiteCache(java.time.Duration.ZERO));
    }

    /** {@link #list} answers through {@code cache}: what the payment-events function uses for every event (see {@link SiteCache}). */
    public DynamoWorkflowRepository(DynamoDbClient db, String table, SiteCache cache) {
        this.db = db;
        this.table = table;
        this.cache = cache;
    }

    static String partition(String clientId) {
        return Keys.workflows(clientId);
    }

    @Override
    public void save(String clientId, Workflow w, long readVersion, String by) {
        cache.forget(partition(clientId));
        Map<String, AttributeValue> version = item(clientId, Keys.workflowVersion(w.id(), w.version()), w);
        version.put("savedBy", s(by));
        try {
            db.putItem(PutItemRequest.builder().tableName(table).item(version)
                    .conditionExpression("attribute_not_exists(pk)").build());
        } catch (ConditionalCheckFailedException e) {
            throw new Conflict(w.id());
        }
        PutItemRequest.Builder current = PutItemRequest.builder().tableName(table).item(item(clientId, Keys.workflow(w.id()), w));
        if (readVersion == 0) {
            current.conditionExpression("attribute_not_exists(pk)");
        } else {
            current.conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(readVersion)));
        }
        try {
            db.putItem(current.build());
        } catch (ConditionalCheckFailedException e) {
            throw new Conflict(w.id());
        }
    }

    @Override
    public Optional<Workflow> find(String clientId, String id) {
        return get(clientId, Keys.workflow(id));
    }

    @Override
    public Optional<Workflow> findVersion(String clientId, String id, long version) {
        String sk = Keys.workflowVersion(id, version);
        return cache.get(partition(clientId) + "#" + sk, () -> get(clientId, sk), Optional::isPresent);
    }

    @Override
    public Optional<Workflow> listed(String clientId, String id) {
        return list(clientId).stream().filter(w -> w.id().equals(id)).findFirst();
    }

    @Override
    public List<Workflow> list(String clientId) {
        return cache.get(partition(clientId), () -> List.copyOf(read(clientId)), all -> true);
    }

    private List<Workflow> read(String clientId) {
        List<Workflow> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :wf)")
                    .expressionAttributeValues(Map.of(":pk", s(partition(clientId)), ":wf", s(Keys.workflowPrefix())))
                    .consistentRead(true);
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse r = db.query(q.build());
            r.items().forEach(i -> out.add(toWorkflow(i)));
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    @Override
    public List<Workflow> enabledFor(String clientId, Trigger trigger) {
        return list(clientId).stream().filter(w -> w.enabled() && w.trigger() == trigger).toList();
    }

    @Override
    public boolean delete(String clientId, String id) {
        cache.forget(partition(clientId));
        Map<String, AttributeValue> tombstone = new HashMap<>(key(partition(clientId), Keys.workflowDeleted(id)));
        tombstone.put("type", s("workflowDeleted"));
        db.putItem(PutItemRequest.builder().tableName(table).item(tombstone).build());
        try {
            db.deleteItem(DeleteItemRequest.builder().tableName(table).key(key(partition(clientId), Keys.workflow(id)))
                    .conditionExpression("attribute_exists(pk)").build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean deleted(String clientId, String id) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(partition(clientId), Keys.workflowDeleted(id))).consistentRead(true).build()).item();
        return item != null && !item.isEmpty();
    }

    @Override
    public boolean completeFirstSave(String clientId, Workflow version) {
        cache.forget(partition(clientId));
        try {
            db.putItem(PutItemRequest.builder().tableName(table).item(item(clientId, Keys.workflow(version.id()), version))
                    .conditionExpression("attribute_not_exists(pk)").build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private Optional<Workflow> get(String clientId, String sk) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(partition(clientId), sk)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toWorkflow(item));
    }

    private static Map<String, AttributeValue> item(String clientId, String sk, Workflow w) {
        Map<String, AttributeValue> item = new HashMap<>(key(partition(clientId), sk));
        item.put("type", s("workflow"));
        item.put("workflowId", s(w.id()));
        item.put("version", n(w.version()));
        item.put("updatedAt", s(w.updatedAt()));
        item.put("definition", s(w.definition().toString()));
        return item;
    }

    private static Workflow toWorkflow(Map<String, AttributeValue> i) {
        return WorkflowParser.stored(Json.parse(Attrs.str(i, "definition")), Attrs.str(i, "workflowId"),
                Attrs.num(i, "version", 0), Attrs.str(i, "updatedAt"));
    }
}

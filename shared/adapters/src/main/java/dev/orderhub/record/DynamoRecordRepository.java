package dev.orderhub.record;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.CreatedRange;
import dev.orderhub.db.CreatedRangeQuery;
import dev.orderhub.db.Cursors;
import dev.orderhub.db.Keys;
import dev.orderhub.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Normalized provider records: {@code pk = RECORD#<clientId>#<provider>#<type>, sk = <id>}, listed
 * per site and type by creation time through {@code gsi1} ({@code gsi1pk = SITE#<clientId>#RECORDS#<type>},
 * {@code gsi1sk = <createdAt>#<provider>#<id>}). One conditional PutItem per record: it is written
 * only if absent or not newer than what arrives, so a late or repeated callback (or a sync page
 * fetched again) never replaces newer data.
 */
public final class DynamoRecordRepository implements RecordRepository {
    private final DynamoDbClient db;
    private final String table;

    public DynamoRecordRepository(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /** Stores the record unless a newer version is already there; true when written. */
    @Override
    public boolean upsert(String clientId, NormalizedRecord r) {
        Map<String, AttributeValue> item = new HashMap<>(key(pk(clientId, r.provider(), r.type()), r.id()));
        item.put("type", s("record"));
        item.put("recordType", s(r.type()));
        item.put("recordId", s(r.id()));
        item.put("provider", s(r.provider()));
        item.put("schemaVersion", Attrs.n(r.schemaVersion()));
        item.put("sourceUpdated", s(sortable(r.sourceUpdated())));
        item.put("createdAt", s(r.createdAt() == null ? "" : r.createdAt()));
        item.put("test", Attrs.bool(r.test()));
        item.put("data", s(Json.write(r.data())));
        item.put("gsi1pk", s(Keys.siteRecords(clientId, r.type())));
        item.put("gsi1sk", s(Keys.recordListed(r.createdAt() == null ? "" : r.createdAt(), r.provider(), r.id())));
        try {
            db.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR sourceUpdated <= :u")
                    .expressionAttributeValues(Map.of(":u", s(sortable(r.sourceUpdated()))))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException newerIsStored) {
            return false;
        }
    }

    /**
     * The payment-events function's write of a record an event carried: only when it is not stored yet or differs
     * from what is (a strongly consistent read first, a fifth of a write's price), so the same
     * charge in a repeated delivery, or in several events about one payment, is written once; a
     * record that did change goes through {@link #upsert}, newer-wins as ever. True when written.
     */
    @Override
    public boolean upsertIfChanged(String clientId, NormalizedRecord r) {
        Optional<NormalizedRecord> stored = find(clientId, r.provider(), r.type(), r.id());
        if (stored.isPresent() && (sortable(stored.get().sourceUpdated()).compareTo(sortable(r.sourceUpdated())) > 0
                || sameContent(stored.get(), r))) {
            return false;
        }
        return upsert(clientId, r);
    }

    private static boolean sameContent(NormalizedRecord stored, NormalizedRecord r) {
        return java.util.Objects.equals(sortable(stored.sourceUpdated()), sortable(r.sourceUpdated()))
                && stored.schemaVersion() == r.schemaVersion() && stored.test() == r.test()
                && java.util.Objects.equals(stored.createdAt() == null ? "" : stored.createdAt(), r.createdAt() == null ? "" : r.createdAt())
                && stored.data().equals(r.data());
    }

    @Override
    public Optional<NormalizedRecord> find(String clientId, String provider, String type, String id) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(pk(clientId, provider, type), id)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRecord(item));
    }

    /** A site's records of one type, oldest first, created in [from, to) when given (ISO-8601). */
    @Override
    public List<NormalizedRecord> list(String clientId, String type, String from, String to, int limit) {
        List<NormalizedRecord> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":p", s(Keys.siteRecords(clientId, type)));
        values.put(":a", s(from == null ? "" : from));
        values.put(":b", s(to == null ? "\uffff" : to));
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName("gsi1")
                    .keyConditionExpression("gsi1pk = :p AND gsi1sk BETWEEN :a AND :b")
                    .expressionAttributeValues(values);
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse r = db.query(q.build());
            r.items().forEach(i -> out.add(toRecord(i)));
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null && out.size() < limit);
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /**
     * One page of a site's records of one type created in the range, newest first;
     * {@code cursor} is the previous page's {@link Page#next()}.
     *
     * @throws IllegalArgumentException for a cursor that is not one of ours
     */
    @Override
    public Page page(String clientId, String type, CreatedRange range, int limit, String cursor) {
        QueryRequest.Builder q = CreatedRangeQuery.gsi1(QueryRequest.builder().tableName(table).indexName("gsi1"), range,
                Keys.siteRecords(clientId, type)).scanIndexForward(false).limit(limit);
        if (cursor != null) {
            q.exclusiveStartKey(Cursors.decode(cursor, Set.of("gsi1pk", "gsi1sk", "pk", "sk"), "gsi1pk",
                    Keys.siteRecords(clientId, type), Keys.recordPrefix(clientId)));
        }
        QueryResponse r = Cursors.query(db, q.build());
        return new Page(r.items().stream().map(DynamoRecordRepository::toRecord).toList(),
                r.hasLastEvaluatedKey() ? Cursors.encode(r.lastEvaluatedKey()) : null);
    }

    /** A cursor that continues {@link #page} right after this record. */
    public static String cursorAfter(String clientId, NormalizedRecord r) {
        String created = r.createdAt() == null ? "" : r.createdAt();
        return Cursors.encode(Map.of("gsi1pk", s(Keys.siteRecords(clientId, r.type())),
                "gsi1sk", s(Keys.recordListed(created, r.provider(), r.id())),
                "pk", s(pk(clientId, r.provider(), r.type())), "sk", s(r.id())));
    }

    private static String pk(String clientId, String provider, String type) {
        return Keys.record(clientId, provider, type);
    }

    /** Unix timestamps (digits) compare as text once padded; ISO-8601 instants already do. */
    static String sortable(String updated) {
        if (updated == null) {
            return "";
        }
        return updated.chars().allMatch(Character::isDigit) ? "0".repeat(Math.max(0, 20 - updated.length())) + updated : updated;
    }

    private static NormalizedRecord toRecord(Map<String, AttributeValue> i) {
        return new NormalizedRecord(Attrs.str(i, "recordType"), Attrs.str(i, "recordId"),
                (int) Attrs.num(i, "schemaVersion", 1), Attrs.str(i, "provider"), Attrs.str(i, "sourceUpdated"),
                Attrs.str(i, "createdAt"), Attrs.bool(i, "test"), Json.parse(Attrs.str(i, "data")));
    }
}

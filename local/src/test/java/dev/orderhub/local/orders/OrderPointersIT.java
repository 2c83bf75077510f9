package dev.orderhub.local.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.db.Attrs;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.TestHub;
import dev.orderhub.mail.MailEvent;
import dev.orderhub.mail.DynamoMailMessages;
import dev.orderhub.mail.MailMessages;
import dev.orderhub.order.OrderPointers;
import dev.orderhub.order.DynamoOrderRepository;
import dev.orderhub.workflow.RunRequest;
import dev.orderhub.workflow.DynamoRunStore;
import dev.orderhub.workflow.RunStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The e-mails and workflow runs an order lists, against the DynamoDB stand-in: each is one item
 * (the e-mail's by message id, the run's by run id) listed on the order through an index, nothing
 * written in the order's partition; written again they stay one entry, they are listed newest
 * first, at most {@link OrderPointers#SHOWN} with a note when there are more, and the entries
 * written into the order's partition before this (a run's copy, an e-mail's entry) are still
 * listed, once.
 */
class OrderPointersIT {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private DynamoDbClient db;
    private String table;
    private String clientId;
    private String orderId;

    @BeforeEach
    void stand() {
        LocalHub hub = TestHub.get();
        db = hub.dynamoDb();
        table = hub.tableName("HubTable");
        clientId = "site" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        orderId = "kofi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private DynamoMailMessages mailsAt(Instant t) {
        return new DynamoMailMessages(db, table, Clock.fixed(t, ZoneOffset.UTC));
    }

    private void mail(Instant at, String messageId) {
        mailsAt(at).record(messageId, new MailMessages.Sent(clientId, orderId, MailMessages.WORKFLOW_STAFF),
                new MailMessages.Details("staff_notice", "en", "team@example.com", "run_1"));
    }

    @Test
    void anEMailRecordedTwiceIsOneEntryWithItsFirstTime() {
        mail(T0, "msg-1");
        mail(T0.plusSeconds(90), "msg-1");

        OrderPointers.Shown shown = mailsAt(T0).forOrder(clientId, orderId);
        assertThat(shown.items()).hasSize(1);
        Map<String, Object> entry = shown.items().get(0);
        assertThat(entry).containsEntry("messageId", "msg-1").containsEntry("kind", "workflow-staff")
                .containsEntry("template", "staff_notice").containsEntry("locale", "en").containsEntry("runId", "run_1")
                .containsEntry("to", "t***@example.com").containsEntry("sentAt", "2026-03-01T10:00:00.000Z")
                .containsEntry("delivery", "sent");
        assertThat(shown.more()).isFalse();
        assertThat(orderPartitionSortKeys()).as("nothing in the order's partition").isEmpty();
    }

    @Test
    void eMailsAreListedNewestFirstAndAtMostFifty() {
        for (int i = 0; i < OrderPointers.SHOWN + 3; i++) {
            mail(T0.plusSeconds(i), "msg-" + i);
        }
        OrderPointers.Shown shown = mailsAt(T0).forOrder(clientId, orderId);
        assertThat(shown.items()).hasSize(OrderPointers.SHOWN);
        assertThat(shown.more()).isTrue();
        assertThat(shown.items().get(0)).containsEntry("messageId", "msg-52");
        assertThat(shown.items().get(OrderPointers.SHOWN - 1)).containsEntry("messageId", "msg-3");
        assertThat(shown.items()).extracting(e -> (String) e.get("sentAt")).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void aComplaintIsShownOnItsEMailOnlyHoweverOftenItIsReported() {
        mail(T0, "msg-a");
        mail(T0.plusSeconds(1), "msg-b");
        MailEvent complaint = new MailEvent(MailEvent.Kind.COMPLAINT, "msg-a", "abuse", "2026-03-02T08:00:00Z", 1);
        assertThat(mailsAt(T0).recordDelivery(complaint)).contains(new MailMessages.Sent(clientId, orderId, "workflow-staff"));
        mailsAt(T0).recordDelivery(complaint);

        List<Map<String, Object>> items = mailsAt(T0).forOrder(clientId, orderId).items();
        assertThat(items).hasSize(2);
        assertThat(items.get(1)).containsEntry("messageId", "msg-a").containsEntry("delivery", "complained")
                .containsEntry("complaint", Map.of("type", "abuse", "at", "2026-03-02T08:00:00Z"));
        assertThat(items.get(0)).containsEntry("messageId", "msg-b").containsEntry("delivery", "sent");
        assertThat(mailsAt(T0).recordDelivery(new MailEvent(MailEvent.Kind.BOUNCE, "never-sent", "Permanent", "x", 1))).isEmpty();
    }

    @Test
    void aRunIsOneEntryThroughRetryResumeFinishAndRepeatedDelivery() {
        DynamoRunStore runs = new DynamoRunStore(db, table);
        RunRequest r = new RunRequest(clientId, "wf_1", 3, "order.paid", "evt_1", orderId, null);

        assertThat(runs.claim(r, T0)).isInstanceOf(RunStore.Claim.Fresh.class);
        assertThat(runs.forOrder(clientId, orderId).items()).as("listed once its first attempt ends").isEmpty();
        runs.recordAction(clientId, r.runId(), 0, Map.of("index", 0, "type", "email_buyer", "status", "failed"));
        runs.finish(r, RunStore.State.RETRY, "email_buyer will be retried", T0.plusSeconds(1));
        assertThat(runs.forOrder(clientId, orderId).items()).singleElement().satisfies(e ->
                assertThat(e).containsEntry("state", "RETRY").containsEntry("workflowId", "wf_1").containsEntry("version", 3L));
        assertThat(runs.claim(r, T0.plusSeconds(30))).isInstanceOf(RunStore.Claim.Resumed.class);
        assertThat(runs.forOrder(clientId, orderId).items()).singleElement().satisfies(e ->
                assertThat(e).containsEntry("state", "RUNNING").containsEntry("attempts", 2L));
        runs.recordAction(clientId, r.runId(), 0, Map.of("index", 0, "type", "email_buyer", "status", "ok"));
        runs.finish(clientId, r.runId(), RunStore.State.SUCCEEDED, null, T0.plusSeconds(31));
        assertThat(runs.claim(r, T0.plusSeconds(60))).isInstanceOf(RunStore.Claim.Done.class);

        OrderPointers.Shown shown = runs.forOrder(clientId, orderId);
        assertThat(shown.more()).isFalse();
        assertThat(shown.items()).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("runId", r.runId()).containsEntry("trigger", "order.paid")
                    .containsEntry("state", "SUCCEEDED").containsEntry("startedAt", "2026-03-01T10:00:00.000Z")
                    .containsEntry("finishedAt", "2026-03-01T10:00:31.000Z");
            assertThat(e.get("actions").toString()).contains("\"status\":\"ok\"");
        });
        assertThat(orderPartitionSortKeys()).as("nothing in the order's partition").isEmpty();
    }

    /** A run that was copied into the order's partition before runs were listed through the index. */
    @Test
    void aRunCopiedOntoTheOrderBeforeIsListedOnceAndThenAsItIsNow() {
        DynamoRunStore runs = new DynamoRunStore(db, table);
        RunRequest r = new RunRequest(clientId, "wf_2", 1, "order.paid", "evt_2", orderId, null);
        runs.claim(r, T0);
        runs.finish(r, RunStore.State.RETRY, "waits", T0.plusSeconds(1));
        Map<String, AttributeValue> copy = new HashMap<>(OrderPointers.key(clientId, orderId, "WFRUN#",
                "2026-03-01T10:00:00.000Z", r.runId()));
        copy.put("runId", Attrs.s(r.runId()));
        copy.put("state", Attrs.s("RETRY"));
        copy.put("startedAt", Attrs.s("2026-03-01T10:00:00.000Z"));
        copy.put("rev", Attrs.n(2));
        db.putItem(PutItemRequest.builder().tableName(table).item(copy).build());
        RunRequest older = new RunRequest(clientId, "wf_2", 1, "order.paid", "evt_old", orderId, null);
        Map<String, AttributeValue> olderCopy = new HashMap<>(OrderPointers.key(clientId, orderId, "WFRUN#",
                "2026-02-01T10:00:00.000Z", older.runId()));
        olderCopy.put("runId", Attrs.s(older.runId()));
        olderCopy.put("state", Attrs.s("SUCCEEDED"));
        olderCopy.put("startedAt", Attrs.s("2026-02-01T10:00:00.000Z"));
        db.putItem(PutItemRequest.builder().tableName(table).item(olderCopy).build());

        assertThat(runs.claim(r, T0.plusSeconds(30))).isInstanceOf(RunStore.Claim.Resumed.class);
        runs.finish(r, RunStore.State.SUCCEEDED, null, T0.plusSeconds(31));

        assertThat(runs.forOrder(clientId, orderId).items()).extracting(e -> e.get("runId") + " " + e.get("state"))
                .containsExactly(r.runId() + " SUCCEEDED", older.runId() + " SUCCEEDED");
    }

    /** An e-mail recorded before e-mails were listed through the index: its entry in the order's partition. */
    @Test
    void anEMailRecordedBeforeIsListedAndItsBounceRecordedOnItsEntry() {
        Map<String, AttributeValue> byId = new HashMap<>(Map.of("pk", Attrs.s("MAILMSG#msg-old"), "sk", Attrs.s("#MAIL"),
                "clientId", Attrs.s(clientId), "orderId", Attrs.s(orderId), "kind", Attrs.s("auto-reply"),
                "sentAt", Attrs.s("2026-03-01T09:00:00.000Z"), "expiresAt", Attrs.n(T0.plusSeconds(86_400).getEpochSecond())));
        db.putItem(PutItemRequest.builder().tableName(table).item(byId).build());
        Map<String, AttributeValue> entry = new HashMap<>(OrderPointers.key(clientId, orderId, "MAIL#",
                "2026-03-01T09:00:00.000Z", "msg-old"));
        entry.putAll(Map.of("messageId", Attrs.s("msg-old"), "kind", Attrs.s("auto-reply"),
                "sentAt", Attrs.s("2026-03-01T09:00:00.000Z")));
        db.putItem(PutItemRequest.builder().tableName(table).item(entry).build());
        mail(T0, "msg-new");

        assertThat(mailsAt(T0).recordDelivery(new MailEvent(MailEvent.Kind.BOUNCE, "msg-old", "Permanent", "2026-03-02T08:00:00Z", 1)))
                .contains(new MailMessages.Sent(clientId, orderId, "auto-reply"));

        List<Map<String, Object>> items = mailsAt(T0).forOrder(clientId, orderId).items();
        assertThat(items).extracting(e -> e.get("messageId") + " " + e.get("delivery"))
                .containsExactly("msg-new sent", "msg-old bounced");
    }

    @Test
    void runsAreListedNewestFirstAndAtMostFifty() {
        DynamoRunStore runs = new DynamoRunStore(db, table);
        for (int i = 0; i < OrderPointers.SHOWN + 1; i++) {
            RunRequest r = new RunRequest(clientId, "wf_3", 1, "order.paid", "evt_" + i, orderId, null);
            runs.claim(r, T0.plusSeconds(i));
            runs.finish(clientId, r.runId(), RunStore.State.SUCCEEDED, null, T0.plusSeconds(i));
        }
        OrderPointers.Shown shown = runs.forOrder(clientId, orderId);
        assertThat(shown.items()).hasSize(OrderPointers.SHOWN);
        assertThat(shown.more()).isTrue();
        assertThat(shown.items().get(0)).containsEntry("triggerEventId", "evt_" + OrderPointers.SHOWN);
        assertThat(shown.items()).extracting(e -> (String) e.get("startedAt")).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    private List<String> orderPartitionSortKeys() {
        return db.query(QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Attrs.s(DynamoOrderRepository.orderPk(clientId, orderId))))
                .consistentRead(true).build()).items().stream().map(i -> i.get("sk").s()).toList();
    }
}

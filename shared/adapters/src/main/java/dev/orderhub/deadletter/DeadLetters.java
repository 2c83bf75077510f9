package dev.orderhub.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.log.JsonLog;
import dev.orderhub.queue.SqsSender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * The messages that failed too often and wait in a dead-letter queue (payment events for the
 * payment-events function, or workflow runs for the runner, one instance per queue), as the deployment's operator
 * sees them: every site's, scanned from the queue itself, listed with why they failed, re-driven
 * to their queue, or discarded with a reason. This is the only code that receives from the
 * dead-letter queues; a site's admins work from {@link SiteDeadLetters}. A re-drive sends the
 * event to the main queue before deleting it from the dead-letter queue, so a crash in between
 * leaves a duplicate (harmless: the payment-events function and the runner are idempotent), never a loss.
 *
 * <p>A message whose site entry was re-driven or discarded already (by the site's owner, from the
 * entry) is deleted from the queue when the scan meets it, and is no longer listed.
 */
public final class DeadLetters {
    private static final JsonLog LOG = JsonLog.get(DeadLetters.class);
    /** How long a listed message stays hidden while we look at the rest of the queue. */
    private static final int PEEK_SECONDS = 20;
    private static final int MAX_SCANNED = 1000;

    /** The queue whose dead letters {@link #PAYMENT_EVENTS} lists: the payment-events function's. */
    public static final String PAYMENT_EVENTS = "payment-events";
    /** The workflow runner's (a thank-you e-mail that kept failing waits here). */
    public static final String WORKFLOW_RUNS = "workflow-runs";

    private final String queue;
    private final SqsClient sqs;
    private final SqsSender sender;
    private final String deadLetterQueueUrl;
    private final String mainQueueUrl;
    private final FailureLog failures;
    private final SiteDeadLetters sites;

    /** @param queue {@link #PAYMENT_EVENTS} or {@link #WORKFLOW_RUNS}: named in each dead letter */
    public DeadLetters(String queue, SqsClient sqs, String deadLetterQueueUrl, String mainQueueUrl, FailureLog failures,
            SiteDeadLetters sites) {
        this.queue = queue;
        this.sqs = sqs;
        this.sender = new SqsSender(sqs);
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.mainQueueUrl = mainQueueUrl;
        this.failures = failures;
        this.sites = sites;
    }

    /** {@link #PAYMENT_EVENTS} or {@link #WORKFLOW_RUNS}. */
    public String queue() {
        return queue;
    }

    /**
     * Sends a dead letter's body back to the queue it failed in (a site owner's re-drive, from the
     * body its site entry kept): a send only, nothing received from the dead-letter queue.
     */
    public void sendToSource(String body) {
        sender.send(mainQueueUrl, SqsSender.Message.of(body));
    }

    /**
     * One dead letter as an admin sees it. {@code clientId} is null for a message that cannot be
     * read at all. A workflow run names its {@code workflowId} and {@code orderId} (its
     * {@code provider}, {@code kind} and {@code receivedAt} are null); a payment event the reverse.
     */
    public record DeadLetter(String queue, String messageId, String clientId, String provider, String eventId, String kind,
            String receivedAt, String workflowId, String orderId, String error, int attempts, String lastFailedAt) {}

    /** The dead letters that satisfy {@code filter} (all of them when it accepts everything). */
    public List<DeadLetter> list(Predicate<DeadLetter> filter) {
        List<DeadLetter> out = new ArrayList<>();
        scan(m -> {
            DeadLetter d = describe(m);
            if (filter.test(d)) {
                out.add(d);
            }
            return false;
        });
        return out;
    }

    /** Moves the matching dead letters back to their queue, marking their site entries re-driven by {@code by}; returns them. */
    public List<DeadLetter> redrive(Predicate<DeadLetter> filter, String by) {
        List<DeadLetter> moved = new ArrayList<>();
        scan(m -> {
            DeadLetter d = describe(m);
            if (!filter.test(d)) {
                return false;
            }
            sender.send(mainQueueUrl, new SqsSender.Message(m.body(), m.messageAttributes(), 0));
            sqs.deleteMessage(DeleteMessageRequest.builder().queueUrl(deadLetterQueueUrl).receiptHandle(m.receiptHandle()).build());
            if (ofASite(d)) {
                sites.markRedriven(d.clientId(), d.messageId(), by);
            }
            LOG.info("dead letter re-driven", "messageId", m.messageId(), "clientId", d.clientId(), "eventId", d.eventId());
            moved.add(d);
            return true;
        });
        return moved;
    }

    /**
     * One waiting message that satisfies {@code filter}, with its body, left in the queue (it is
     * visible again at once): the operator's reading of a message whose failure was never recorded.
     */
    public java.util.Optional<SiteDeadLetters.Entry> find(String messageId, Predicate<DeadLetter> filter) {
        SiteDeadLetters.Entry[] found = {null};
        scan(m -> {
            if (found[0] == null && m.messageId().equals(messageId)) {
                DeadLetter d = describe(m);
                if (filter.test(d)) {
                    found[0] = new SiteDeadLetters.Entry(d, m.body());
                }
            }
            return false;
        });
        return java.util.Optional.ofNullable(found[0]);
    }

    /** Deletes one dead letter; returns it, or null when no such message is waiting. */
    public DeadLetter discard(String messageId, Predicate<DeadLetter> filter) {
        DeadLetter[] found = {null};
        scan(m -> {
            DeadLetter d = describe(m);
            if (!m.messageId().equals(messageId) || !filter.test(d)) {
                return false;
            }
            sqs.deleteMessage(DeleteMessageRequest.builder().queueUrl(deadLetterQueueUrl).receiptHandle(m.receiptHandle()).build());
            found[0] = d;
            return true;
        });
        return found[0];
    }

    /**
     * Receives every message once (each stays hidden for a short while so the scan ends), hands
     * it to {@code action}, and makes the ones the action did not consume visible again at once.
     * A message whose site entry is settled (re-driven or discarded) is deleted instead.
     */
    private void scan(java.util.function.Function<Message, Boolean> action) {
        Map<String, Message> seen = new LinkedHashMap<>();
        List<Message> keep = new ArrayList<>();
        try {
            while (seen.size() < MAX_SCANNED) {
                List<Message> batch = sqs.receiveMessage(ReceiveMessageRequest.builder().queueUrl(deadLetterQueueUrl)
                        .maxNumberOfMessages(10).visibilityTimeout(PEEK_SECONDS).waitTimeSeconds(0)
                        .messageAttributeNames("All").build()).messages();
                boolean anyNew = false;
                for (Message m : batch) {
                    if (seen.putIfAbsent(m.messageId(), m) == null) {
                        anyNew = true;
                        if (deletedAsSettled(m)) {
                            continue;
                        }
                        if (!action.apply(m)) {
                            keep.add(m);
                        }
                    }
                }
                if (batch.isEmpty() || !anyNew) {
                    break;
                }
            }
        } finally {
            for (Message m : keep) {
                sqs.changeMessageVisibility(ChangeMessageVisibilityRequest.builder().queueUrl(deadLetterQueueUrl)
                        .receiptHandle(m.receiptHandle()).visibilityTimeout(0).build());
            }
        }
    }

    /** Deletes a message its site's owner re-drove or discarded from its entry already; true when it did. */
    private boolean deletedAsSettled(Message m) {
        DeadLetter d = describe(queue, m.messageId(), m.body(), null);
        if (!ofASite(d)) {
            return false;
        }
        java.util.Optional<String> settled = sites.settled(d.clientId(), m.messageId());
        if (settled.isEmpty()) {
            return false;
        }
        sqs.deleteMessage(DeleteMessageRequest.builder().queueUrl(deadLetterQueueUrl).receiptHandle(m.receiptHandle()).build());
        LOG.info("settled dead letter deleted from its queue", "messageId", m.messageId(), "clientId", d.clientId(),
                "state", settled.get());
        return true;
    }

    /** A dead letter that names a site in the form client ids have (so its entry's key is that site's partition). */
    static boolean ofASite(DeadLetter d) {
        return dev.orderhub.site.SiteIds.wellFormed(d.clientId());
    }

    private DeadLetter describe(Message m) {
        return describe(queue, m.messageId(), m.body(), failures.find(m.messageId()).orElse(null));
    }

    /** A message of {@code queue} as an admin sees it, from its body and its recorded failure (null when none). */
    static DeadLetter describe(String queue, String messageId, String body, FailureLog.Failure f) {
        String clientId = null;
        String provider = null;
        String eventId = null;
        String kind = null;
        String receivedAt = null;
        String workflowId = null;
        String orderId = null;
        try {
            JsonNode e = Json.parse(body);
            clientId = Json.text(e, "clientId");
            provider = Json.text(e, "provider");
            eventId = Json.text(e, e.has("eventId") ? "eventId" : "triggerEventId"); // a workflow run names its trigger's event
            kind = Json.text(e, "kind");
            receivedAt = Json.text(e, "receivedAt");
            workflowId = Json.text(e, "workflowId");
            orderId = Json.text(e, "orderId");
        } catch (IllegalArgumentException notJson) {
            // An unreadable message: listed for the operator, with no site.
        }
        return new DeadLetter(queue, messageId, clientId, provider, eventId, kind, receivedAt, workflowId, orderId,
                f == null ? "unknown (no failure recorded)" : f.error(), f == null ? 0 : f.attempts(),
                f == null ? null : f.lastFailedAt());
    }
}

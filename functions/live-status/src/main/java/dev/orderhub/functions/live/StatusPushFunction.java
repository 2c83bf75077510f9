package dev.orderhub.functions.live;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orderhub.batch.SqsBatch;
import dev.orderhub.intent.BuyerStatus;
import dev.orderhub.live.StatusChanges;
import dev.orderhub.log.JsonLog;
import dev.orderhub.log.LambdaLogContext;
import dev.orderhub.runtime.Stack;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Pushes order status changes to the buyers watching them. Each message on the status-changes
 * queue only names an order ({@link StatusChanges}); the current status is read here and recorded
 * as a publication (offset = the order's version) unless it is the status last published, so a
 * repeated or late message pushes nothing and statuses never go backwards on the buyer's page.
 * Gone connections (410) are pruned; at a final status every connection is closed.
 */
public final class StatusPushFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final JsonLog LOG = JsonLog.get(StatusPushFunction.class);
    private final BuyerStatus buyerStatus;
    private final LiveConnections live;
    private final Connections connections;
    private final Clock clock;

    /** Lambda's constructor: once per container, from the function's environment. */
    public StatusPushFunction() {
        this(Stack.fromEnvironment());
    }

    /** Local mode and tests: from the stack they built for this function. */
    public StatusPushFunction(Stack stack) {
        this.buyerStatus = stack.buyerStatus();
        this.live = new LiveConnections(stack.dynamoDb(), stack.config().tableName());
        this.connections = new Connections(stack.config());
        this.clock = stack.clock();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return LambdaLogContext.during(context, () -> invocation(event, context));
    }

    private SQSBatchResponse invocation(SQSEvent event, Context context) {
        // The hub's one SQS batch handler: failed pushes are reported per message and retried alone.
        return SqsBatch.process(event, m -> {
            StatusChanges.Change change;
            try {
                change = StatusChanges.read(m.getBody());
            } catch (IllegalArgumentException malformed) {
                // Retrying cannot make it readable, and it carries no data of its own: drop it.
                LOG.warn("unreadable status change dropped", "messageId", m.getMessageId());
                return;
            }
            push(change);
        });
    }

    private void push(StatusChanges.Change c) {
        Instant now = clock.instant();
        String partition = LiveConnections.partition(c.clientId(), c.publicOrderId());
        BuyerStatus.Snapshot s = buyerStatus.snapshot(c.clientId(), c.publicOrderId(), now);
        Optional<LiveConnections.Publication> last = live.latest(partition);
        if (last.isPresent() && (last.get().status().equals(s.status()) || last.get().offset() >= s.version())) {
            return;
        }
        LiveConnections.Publication p = new LiveConnections.Publication(s.version(), s.status(), s.updatedAt(),
                s.expected(), s.paid(), s.test());
        if (!live.publish(partition, p, now)) {
            return; // a concurrent push of the same change
        }
        String frame = Frames.status(c.publicOrderId(), p);
        int sent = 0;
        for (String connectionId : live.connections(partition, now)) {
            boolean delivered = connections.post(connectionId, frame);
            if (delivered && s.isFinal()) {
                connections.close(connectionId);
            }
            if (!delivered || s.isFinal()) {
                live.forget(partition, connectionId);
            }
            sent += delivered ? 1 : 0;
        }
        LOG.info("status pushed", "clientId", c.clientId(), "intentId", c.publicOrderId(), "status", s.status(),
                "offset", p.offset(), "connections", sent);
    }
}

package dev.orderhub.live;

import dev.orderhub.json.Json;
import dev.orderhub.log.JsonLog;
import dev.orderhub.order.Order;
import dev.orderhub.queue.SqsSender;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Announces that an order a buyer may be watching changed: a tiny message on the status-changes
 * queue, which the live-status push step turns into WebSocket frames. Only orders linked to a
 * payment intent are announced (the intent id is the buyer's public order id); the message names
 * the order and nothing else, and the push step reads the current status itself, so repeated or
 * reordered messages only ever push the latest status ({@link StatusChanges#read} reads it).
 */
public final class SqsStatusChanges implements StatusChanges {
    private static final JsonLog LOG = JsonLog.get(SqsStatusChanges.class);
    private final SqsSender sqs;
    private final String queueUrl;

    /** @param queueUrl blank where live status is not deployed; nothing is then sent */
    public SqsStatusChanges(SqsClient sqs, String queueUrl) {
        this.sqs = new SqsSender(sqs);
        this.queueUrl = queueUrl;
    }

    /** Sends the announcement when the order is linked to an intent; does nothing otherwise. */
    @Override
    public void announce(Order order) {
        if (!order.match().matched() || queueUrl == null || queueUrl.isBlank()) {
            return;
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("clientId", order.clientId());
        body.put("publicOrderId", order.match().intentId());
        body.put("orderId", order.orderId());
        sqs.send(queueUrl, SqsSender.Message.of(Json.write(body)));
        LOG.info("status change announced", "clientId", order.clientId(), "orderId", order.orderId(),
                "status", order.status().wire());
    }
}

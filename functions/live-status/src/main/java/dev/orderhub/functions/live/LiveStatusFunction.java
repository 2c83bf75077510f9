package dev.orderhub.functions.live;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.intent.BuyerStatus;
import dev.orderhub.json.Json;
import dev.orderhub.log.JsonLog;
import dev.orderhub.log.LambdaLogContext;
import dev.orderhub.runtime.Stack;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The live-status WebSocket API's routes. A buyer's page connects, then sends
 * {@code {"action":"subscribe","orderId":<publicOrderId>,"token":<status token>,"since":<offset>}};
 * with the right token (checked as the short poll checks it, {@link BuyerStatus}) the connection
 * is stored under the order and answered with the current status and the publications after
 * {@code since}; later changes arrive from {@link StatusPushFunction}. A wrong token, an unknown
 * id and a malformed request get one error frame and the connection is closed, with nothing
 * about the order. At a final status the connection is closed, as the seller's docs advise.
 */
public final class LiveStatusFunction implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final JsonLog LOG = JsonLog.get(LiveStatusFunction.class);
    /** A subscribe message is about 150 bytes; anything much bigger is not one. */
    static final int MAX_MESSAGE_CHARS = 2048;
    private final BuyerStatus buyerStatus;
    private final LiveConnections live;
    private final Connections connections;
    private final Clock clock;

    /** Lambda's constructor: once per container, from the function's environment. */
    public LiveStatusFunction() {
        this(Stack.fromEnvironment());
    }

    /** Local mode and tests: from the stack they built for this function. */
    public LiveStatusFunction(Stack stack) {
        this.buyerStatus = stack.buyerStatus();
        this.live = new LiveConnections(stack.dynamoDb(), stack.config().tableName());
        this.connections = new Connections(stack.config());
        this.clock = stack.clock();
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        return LambdaLogContext.during(context, () -> invocation(event, context));
    }

    private APIGatewayV2WebSocketResponse invocation(APIGatewayV2WebSocketEvent event, Context context) {
        APIGatewayV2WebSocketEvent.RequestContext rc = event.getRequestContext();
        String route = rc == null ? null : rc.getRouteKey();
        String connectionId = rc == null ? null : rc.getConnectionId();
        if (route == null || connectionId == null) {
            return answer(400);
        }
        switch (route) {
            case "$connect" -> { }
            case "$disconnect" -> live.forget(connectionId);
            case "subscribe" -> subscribe(connectionId, event.getBody());
            default -> {
                return answer(400);
            }
        }
        return answer(200);
    }

    private void subscribe(String connectionId, String body) {
        Instant now = clock.instant();
        Subscribe s = Subscribe.parse(body);
        if (s == null) {
            refuse(connectionId, "BAD_REQUEST",
                    "send {\"action\":\"subscribe\",\"orderId\":\"in_…\",\"token\":\"…\",\"since\":0}");
            return;
        }
        Optional<String> clientId = buyerStatus.authorizedSite(s.orderId(), s.token(), now);
        if (clientId.isEmpty()) {
            refuse(connectionId, "NOT_FOUND", "unknown order or wrong token");
            return;
        }
        String partition = LiveConnections.partition(clientId.get(), s.orderId());
        // Stored before the status is read: a change after this read reaches the connection by push.
        live.subscribe(partition, connectionId, now);
        BuyerStatus.Snapshot snapshot = buyerStatus.snapshot(clientId.get(), s.orderId(), now);
        boolean delivered = connections.post(connectionId,
                Frames.subscribed(s.orderId(), snapshot, live.since(partition, s.since())));
        LOG.info("live status subscribed", "clientId", clientId.get(), "intentId", s.orderId(), "status", snapshot.status());
        if (!delivered || snapshot.isFinal()) {
            if (delivered) {
                connections.close(connectionId);
            }
            live.forget(partition, connectionId);
        }
    }

    private void refuse(String connectionId, String code, String message) {
        LOG.info("live status subscribe refused", "error", code);
        if (connections.post(connectionId, Frames.error(code, message))) {
            connections.close(connectionId);
        }
    }

    private static APIGatewayV2WebSocketResponse answer(int status) {
        APIGatewayV2WebSocketResponse r = new APIGatewayV2WebSocketResponse();
        r.setStatusCode(status);
        return r;
    }

    /** A subscribe message; null when malformed. */
    record Subscribe(String orderId, String token, long since) {
        static Subscribe parse(String body) {
            if (body == null || body.length() > MAX_MESSAGE_CHARS) {
                return null;
            }
            JsonNode n;
            try {
                n = Json.parse(body);
            } catch (IllegalArgumentException e) {
                return null;
            }
            JsonNode since = n.path("since");
            if (!n.path("orderId").isTextual() || !n.path("token").isTextual()
                    || !(since.isMissingNode() || since.isNull() || (since.canConvertToLong() && since.asLong() >= 0))) {
                return null;
            }
            return new Subscribe(n.get("orderId").asText(), n.get("token").asText(), since.asLong(0));
        }
    }
}

package dev.orderhub.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.db.Ids;
import dev.orderhub.json.Json;
import dev.orderhub.log.JsonLog;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * The template's WebSocket API on this machine, as API Gateway runs it: each connection gets an
 * id and a {@code $connect} call, each text frame is routed by its {@code action} field
 * ({@code $request.body.action}) to the route's function, a close calls {@code $disconnect}.
 * Functions answer clients only through the management API ({@link #post}, {@link #delete}),
 * which {@link LocalGateway} serves at {@code /@connections/{id}} as AWS does.
 */
public final class LocalLiveSocket implements AutoCloseable {
    private static final JsonLog LOG = JsonLog.get(LocalLiveSocket.class);
    private static final String STAGE = "local";
    private final Map<String, String> routes;
    private final LambdaFunctions functions;
    private final Map<String, WebSocket> open = new ConcurrentHashMap<>();
    private final Server server;

    public LocalLiveSocket(SamTemplate template, LambdaFunctions functions, int port) throws InterruptedException {
        this.routes = new ConcurrentHashMap<>();
        template.webSocketRoutes().forEach(r -> routes.put(r.routeKey(), r.functionId()));
        this.functions = functions;
        this.server = new Server(new InetSocketAddress("127.0.0.1", port));
        server.setReuseAddr(true);
        server.start();
        if (!server.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("WebSocket server did not start");
        }
    }

    public int port() {
        return server.getPort();
    }

    /** PostToConnection: 200, or 410 when the connection is gone. */
    public int post(String connectionId, byte[] data) {
        WebSocket ws = open.get(connectionId);
        if (ws == null || !ws.isOpen()) {
            return 410;
        }
        ws.send(new String(data, StandardCharsets.UTF_8));
        return 200;
    }

    /** DeleteConnection: 204, or 410 when the connection is gone. */
    public int delete(String connectionId) {
        WebSocket ws = open.remove(connectionId);
        if (ws == null || !ws.isOpen()) {
            return 410;
        }
        ws.close(1000, "closed by the server");
        return 204;
    }

    private Optional<APIGatewayV2WebSocketResponse> call(String routeKey, String eventType, String connectionId, String body) {
        String functionId = routes.get(routeKey);
        if (functionId == null) {
            return Optional.empty();
        }
        APIGatewayV2WebSocketEvent.RequestContext rc = new APIGatewayV2WebSocketEvent.RequestContext();
        rc.setRouteKey(routeKey);
        rc.setEventType(eventType);
        rc.setConnectionId(connectionId);
        rc.setStage(STAGE);
        rc.setDomainName("127.0.0.1");
        rc.setRequestId(UUID.randomUUID().toString());
        rc.setRequestTimeEpoch(Instant.now().toEpochMilli());
        rc.setMessageDirection("IN");
        APIGatewayV2WebSocketEvent e = new APIGatewayV2WebSocketEvent();
        e.setRequestContext(rc);
        e.setBody(body);
        try {
            return Optional.of((APIGatewayV2WebSocketResponse) functions.invoke(functionId, e));
        } catch (RuntimeException failed) {
            LOG.error("function failed", failed, "function", functionId, "route", routeKey);
            APIGatewayV2WebSocketResponse r = new APIGatewayV2WebSocketResponse();
            r.setStatusCode(500);
            return Optional.of(r);
        }
    }

    /** The route a frame selects: its {@code action} when a route has that key, else {@code $default}. */
    private String routeOf(String frame) {
        try {
            JsonNode action = Json.parse(frame).path("action");
            if (action.isTextual() && routes.containsKey(action.asText())) {
                return action.asText();
            }
        } catch (IllegalArgumentException notJson) {
            // API Gateway sends a frame that is not JSON to $default too
        }
        return "$default";
    }

    @Override
    public void close() {
        try {
            server.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Server extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);

        Server(InetSocketAddress address) {
            super(address);
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            String id = Ids.random(16);
            conn.setAttachment(id);
            int status = call("$connect", "CONNECT", id, null).map(APIGatewayV2WebSocketResponse::getStatusCode).orElse(200);
            if (status / 100 != 2) {
                conn.close(1008, "Forbidden");
                return;
            }
            open.put(id, conn);
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            String id = conn.getAttachment();
            String route = routeOf(message);
            Optional<APIGatewayV2WebSocketResponse> r = call(route, "MESSAGE", id, message);
            if (r.isEmpty()) {
                conn.send(Json.write(Map.of("message", "Forbidden", "connectionId", id)));
            } else if (r.get().getStatusCode() >= 500 && conn.isOpen()) {
                conn.send(Json.write(Map.of("message", "Internal server error", "connectionId", id)));
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            String id = conn.getAttachment();
            if (id != null) {
                open.remove(id);
                call("$disconnect", "DISCONNECT", id, null);
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            LOG.warn("websocket error", "error", String.valueOf(ex));
        }
    }
}

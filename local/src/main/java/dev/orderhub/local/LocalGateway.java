package dev.orderhub.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.orderhub.log.JsonLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * Serves the template's HttpApi routes the way API Gateway's HTTP API does: it matches the route,
 * builds the payload-v2 event (route key, path parameters, lower-case headers, base64 body for
 * non-text media types) and calls the function in-process, after the route's Lambda authorizer if it has one.
 */
public final class LocalGateway implements AutoCloseable {
    private static final JsonLog LOG = JsonLog.get(LocalGateway.class);
    /** API Gateway's own payload limit. */
    private static final int MAX_PAYLOAD = 10 * 1024 * 1024;
    private final SamTemplate template;
    private final LambdaFunctions functions;
    private final List<SamTemplate.Route> routesInMatchOrder;
    private final HttpServer server;
    /** Connections of the WebSocket API, managed at {@code /@connections/{id}}; null when not served. */
    private final LocalLiveSocket liveSocket;

    public LocalGateway(SamTemplate template, LambdaFunctions functions, int port) throws IOException {
        this(template, functions, port, null);
    }

    public LocalGateway(SamTemplate template, LambdaFunctions functions, int port, LocalLiveSocket liveSocket) throws IOException {
        this.template = template;
        this.functions = functions;
        this.liveSocket = liveSocket;
        // API Gateway prefers a route without a greedy variable over one with it.
        this.routesInMatchOrder = template.routes().stream()
                .sorted(Comparator.comparing((SamTemplate.Route r) -> isGreedy(r.path()))).toList();
        this.server = LoopbackHttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        this.server.setExecutor(Executors.newFixedThreadPool(16));
        this.server.createContext("/", this::serve);
        this.server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = ex.getRequestURI().getRawPath();
            byte[] body = readLimited(ex.getRequestBody());
            if (body == null) {
                send(ex, 413, Map.of("content-type", "application/json"), "{\"message\":\"Request Entity Too Large\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (liveSocket != null && manageConnection(ex, method, path, body)) {
                return;
            }
            for (SamTemplate.Route route : routesInMatchOrder) {
                Map<String, String> params = match(route.path(), path);
                if (params != null && route.method().equals(method)) {
                    APIGatewayV2HTTPEvent event = toEvent(ex, route, params, body);
                    APIGatewayV2HTTPResponse r;
                    try {
                        String authorizer = template.authorizerFunction(route);
                        if (authorizer != null && !authorize(authorizer, event)) {
                            // What API Gateway answers when a simple-response authorizer says no.
                            send(ex, 403, Map.of("content-type", "application/json"),
                                    "{\"message\":\"Forbidden\"}".getBytes(StandardCharsets.UTF_8));
                            return;
                        }
                        r = (APIGatewayV2HTTPResponse) functions.invoke(route.functionId(), event);
                    } catch (RuntimeException e) {
                        // What API Gateway answers when the function itself fails.
                        LOG.error("function failed", e, "function", route.functionId());
                        send(ex, 500, Map.of("content-type", "application/json"),
                                "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                    byte[] out = r.getBody() == null ? new byte[0]
                            : r.getIsBase64Encoded() ? Base64.getDecoder().decode(r.getBody())
                            : r.getBody().getBytes(StandardCharsets.UTF_8);
                    send(ex, r.getStatusCode(), r.getHeaders() == null ? Map.of() : r.getHeaders(), out);
                    return;
                }
            }
            send(ex, 404, Map.of("content-type", "application/json"), "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Runs the route's Lambda authorizer as API Gateway does (payload 2.0, simple responses, no
     * caching): true when it allows the request, whose event then carries the authorizer's context
     * in {@code requestContext.authorizer.lambda}.
     */
    private boolean authorize(String authorizerFunction, APIGatewayV2HTTPEvent event) {
        Map<?, ?> answer = (Map<?, ?>) functions.invoke(authorizerFunction, authorizerEvent(event));
        if (!Boolean.TRUE.equals(answer.get("isAuthorized"))) {
            return false;
        }
        Map<String, Object> context = new HashMap<>();
        if (answer.get("context") instanceof Map<?, ?> c) {
            c.forEach((k, v) -> context.put(String.valueOf(k), v));
        }
        event.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withLambda(context).build());
        return true;
    }

    /** The REQUEST event a payload-2.0 authorizer gets for a request: the request's own parts and the route's ARN. */
    static APIGatewayV2CustomAuthorizerEvent authorizerEvent(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext rc = event.getRequestContext();
        return APIGatewayV2CustomAuthorizerEvent.builder()
                .withVersion("2.0")
                .withType("REQUEST")
                .withRouteArn("arn:aws:execute-api:" + LocalHub.REGION + ":123456789012:local/" + rc.getStage() + "/"
                        + rc.getHttp().getMethod() + rc.getHttp().getPath())
                .withRouteKey(event.getRouteKey())
                .withRawPath(event.getRawPath())
                .withRawQueryString(event.getRawQueryString())
                .withHeaders(event.getHeaders())
                .withQueryStringParameters(event.getQueryStringParameters())
                .withPathParameters(event.getPathParameters())
                .withRequestContext(APIGatewayV2CustomAuthorizerEvent.RequestContext.builder()
                        .withApiId("local")
                        .withDomainName(rc.getDomainName())
                        .withRequestId(rc.getRequestId())
                        .withRouteKey(rc.getRouteKey())
                        .withStage(rc.getStage())
                        .withTime(rc.getTime())
                        .withTimeEpoch(rc.getTimeEpoch())
                        .withHttp(APIGatewayV2CustomAuthorizerEvent.Http.builder()
                                .withMethod(rc.getHttp().getMethod())
                                .withPath(rc.getHttp().getPath())
                                .withProtocol(rc.getHttp().getProtocol())
                                .withSourceIp(rc.getHttp().getSourceIp())
                                .withUserAgent(rc.getHttp().getUserAgent())
                                .build())
                        .build())
                .build();
    }

    /**
     * API Gateway's management API for WebSocket connections: {@code POST /@connections/{id}}
     * (PostToConnection) and {@code DELETE /@connections/{id}} (DeleteConnection); a connection
     * that is gone answers 410 GoneException, as the SDK expects. False for any other path.
     */
    private boolean manageConnection(HttpExchange ex, String method, String path, byte[] body) throws IOException {
        String id = path.startsWith("/@connections/") ? path.substring("/@connections/".length())
                : path.startsWith("/%40connections/") ? path.substring("/%40connections/".length()) : null;
        if (id == null) {
            return false;
        }
        id = URLDecoder.decode(id, StandardCharsets.UTF_8);
        int status = switch (method) {
            case "POST" -> liveSocket.post(id, body);
            case "DELETE" -> liveSocket.delete(id);
            default -> 404;
        };
        if (status == 410) {
            send(ex, 410, Map.of("content-type", "application/json", "x-amzn-errortype", "GoneException"),
                    "{\"message\":null}".getBytes(StandardCharsets.UTF_8));
        } else {
            send(ex, status, Map.of(), new byte[0]);
        }
        return true;
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] data = in.readNBytes(MAX_PAYLOAD + 1);
        return data.length > MAX_PAYLOAD ? null : data;
    }

    private static void send(HttpExchange ex, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }

    /**
     * Path parameters when {@code actual} fits the route template {@code /a/{b}/c}; null otherwise.
     * A last segment {@code {name+}} is greedy: it takes the rest of the path, slashes included
     * (decoded segment by segment), and the empty rest of a path that ends with the slash before it
     * ({@code /a/} fits {@code /a/{proxy+}} with {@code proxy = ""}).
     */
    static Map<String, String> match(String template, String actual) {
        String[] t = template.split("/", -1);
        String[] a = actual.split("/", -1);
        boolean greedy = isGreedy(template);
        if (greedy ? a.length < t.length : t.length != a.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        int fixed = greedy ? t.length - 1 : t.length;
        for (int i = 0; i < fixed; i++) {
            if (t[i].startsWith("{") && t[i].endsWith("}")) {
                if (a[i].isEmpty()) {
                    return null;
                }
                params.put(t[i].substring(1, t[i].length() - 1), URLDecoder.decode(a[i], StandardCharsets.UTF_8));
            } else if (!t[i].equals(a[i])) {
                return null;
            }
        }
        if (greedy) {
            String last = t[t.length - 1];
            List<String> rest = new ArrayList<>();
            for (int i = fixed; i < a.length; i++) {
                rest.add(URLDecoder.decode(a[i], StandardCharsets.UTF_8));
            }
            params.put(last.substring(1, last.length() - 2), String.join("/", rest));
        }
        return params;
    }

    private static boolean isGreedy(String template) {
        return template.endsWith("+}");
    }

    private static APIGatewayV2HTTPEvent toEvent(HttpExchange ex, SamTemplate.Route route, Map<String, String> params, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        String rawQuery = ex.getRequestURI().getRawQuery();
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.merge(k, v, (x, y) -> x + "," + y);
            }
        }
        String contentType = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
        boolean text = contentType.startsWith("application/json") || contentType.startsWith("text/");
        Instant now = Instant.now();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(ex.getRequestURI().getRawPath())
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(params.isEmpty() ? null : params)
                .withBody(body.length == 0 ? null : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && !text)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(route.routeKey())
                        .withStage("$default")
                        .withRequestId(UUID.randomUUID().toString())
                        .withTimeEpoch(now.toEpochMilli())
                        .withTime(DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC).format(now))
                        .withDomainName("localhost")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(ex.getRequestMethod().toUpperCase(Locale.ROOT))
                                .withPath(ex.getRequestURI().getRawPath())
                                .withProtocol("HTTP/1.1")
                                .withSourceIp(ex.getRemoteAddress().getAddress().getHostAddress())
                                .withUserAgent(headers.get("user-agent"))
                                .build())
                        .build())
                .build();
    }

    List<SamTemplate.Route> routes() {
        return template.routes();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

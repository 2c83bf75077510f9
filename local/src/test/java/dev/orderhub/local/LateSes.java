package dev.orderhub.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SES as a caller may meet it, in front of the stack's SES endpoint: the next request is passed
 * on and its answer held back past the caller's timeout (SES took the e-mail, the answer never
 * came), swallowed (the request never reached SES, no answer either), or refused with a 400;
 * every other request is passed on as it is.
 */
public final class LateSes implements AutoCloseable {
    public enum Next { PASS, ACCEPT_THEN_HOLD_ANSWER, SWALLOW, REFUSE }

    private final URI upstream;
    private final Duration hold;
    private final AtomicReference<Next> next = new AtomicReference<>(Next.PASS);
    private final AtomicInteger forwarded = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public LateSes(URI upstream, Duration hold) throws IOException {
        this.upstream = upstream;
        this.hold = hold;
        this.server = LoopbackHttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** What happens to the next request (later ones pass). */
    public void next(Next what) {
        next.set(what);
    }

    /** Requests that reached SES. */
    public int forwarded() {
        return forwarded.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Next what = next.getAndSet(Next.PASS);
        try {
            if (what == Next.SWALLOW) {
                Thread.sleep(hold.toMillis());
                return;
            }
            if (what == Next.REFUSE) {
                byte[] refusal = ("<ErrorResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\"><Error><Type>Sender</Type>"
                        + "<Code>MessageRejected</Code><Message>Email address is not verified.</Message></Error>"
                        + "<RequestId>late-ses</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/xml");
                exchange.sendResponseHeaders(400, refusal.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(refusal);
                }
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!java.util.Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding")
                        .contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            forwarded.incrementAndGet();
            if (what == Next.ACCEPT_THEN_HOLD_ANSWER) {
                Thread.sleep(hold.toMillis());
            }
            exchange.getResponseHeaders().set("Content-Type", answer.headers().firstValue("content-type").orElse("text/xml"));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException callerGone) {
            // the caller timed out before the answer: what this stand-in is for
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}

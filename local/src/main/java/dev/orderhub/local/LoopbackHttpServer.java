package dev.orderhub.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The one way local mode starts the JDK's HTTP server (the gateway, the SES stand-in's event tap).
 * The JDK reads the server's settings once, when its first server starts, so the setting that
 * matters is made here, before any: TCP_NODELAY on accepted connections. Without it a response
 * written in two parts (headers, then body) waits for the client's delayed ACK, 40 ms per request
 * on Linux: a latency floor under every callback that API Gateway does not have.
 */
public final class LoopbackHttpServer {
    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private LoopbackHttpServer() {}

    public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        return HttpServer.create(address, backlog);
    }
}

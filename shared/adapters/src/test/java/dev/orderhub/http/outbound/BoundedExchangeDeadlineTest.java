package dev.orderhub.http.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundedExchangeDeadlineTest {
    @Test
    void aFinishedExchangeLeavesNoDeadlineHoldingItsSocket() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        InputStream in = s.getInputStream();
                        byte[] buf = new byte[4096];
                        in.read(buf);
                        OutputStream out = s.getOutputStream();
                        out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (Exception closed) {
                        return;
                    }
                }
            });
            answering.setDaemon(true);
            answering.start();
            int before = BoundedExchange.pendingDeadlines();
            for (int i = 0; i < 20; i++) {
                BoundedExchange.Answer a = BoundedExchange.exchange(
                        new BoundedExchange.Request("GET", URI.create("http://receiver.test:" + server.getLocalPort() + "/"), Map.of(), null),
                        "receiver.test", InetAddress.getLoopbackAddress(), Duration.ofMinutes(5), Duration.ofSeconds(5), 1024, null);
                assertThat(a.status()).isEqualTo(200);
            }
            assertThat(BoundedExchange.pendingDeadlines()).as("deadlines of 20 finished exchanges").isEqualTo(before);
        }
    }
}

package dev.orderhub.http.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A receiver on 127.0.0.1 that answers 200 and then either streams a huge body as fast as the
 * client takes it, or drips its body one byte at a time. It counts what it managed to write.
 */
public final class HostileReceiver implements AutoCloseable {
    public enum Mode { HUGE, DRIP }

    private final ServerSocket server;
    private final Mode mode;
    private final long hugeBytes;
    private final long dripEveryMillis;
    public final AtomicLong bytesWritten = new AtomicLong();
    public final AtomicLong requests = new AtomicLong();

    public HostileReceiver(Mode mode, long hugeBytes, long dripEveryMillis) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.mode = mode;
        this.hugeBytes = hugeBytes;
        this.dripEveryMillis = dripEveryMillis;
        Thread t = new Thread(this::serve, "hostile-receiver");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> answer(s), "hostile-answer");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket s) {
        try (s) {
            requests.incrementAndGet();
            readHead(s.getInputStream());
            OutputStream out = s.getOutputStream();
            long length = mode == Mode.HUGE ? hugeBytes : 1000;
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (mode == Mode.HUGE) {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'x');
                for (long left = length; left > 0; ) {
                    int n = (int) Math.min(chunk.length, left);
                    out.write(chunk, 0, n);
                    bytesWritten.addAndGet(n);
                    left -= n;
                }
            } else {
                for (int i = 0; i < length; i++) {
                    out.write('x');
                    out.flush();
                    bytesWritten.incrementAndGet();
                    Thread.sleep(dripEveryMillis);
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client hung up: what the test wants
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                return;
            }
            matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        // The body (Content-Length) is left unread: it is small and the answer does not depend on it.
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

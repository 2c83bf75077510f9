package dev.orderhub.http.outbound;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 request to an address that was already checked, with hard bounds. Why not
 * java.net.http: its HttpClient resolves the host itself (no way to hand it the address that
 * {@link OutboundAddresses} checked, so a rebinding DNS answer could differ between check and
 * connect), its timeout stops at the response headers (a receiver dripping the body one byte a
 * second holds the call for as long as it likes), and its body handlers read the whole answer.
 *
 * <p>So: a plain socket connects to the given {@link InetAddress}; for https it is wrapped in TLS
 * for the URL's host name ({@code SSLSocketFactory.createSocket(socket, host, …)} sends that name
 * as SNI, and the HTTPS endpoint identification checks the certificate against it, exactly as if
 * the name had been resolved by the TLS stack). One deadline covers the whole exchange: a
 * watchdog closes the socket when it passes, which ends any blocked connect, handshake or read.
 * At most {@code maxBody} bytes of the answer are read; the rest is never read (the connection is
 * closed, {@code Connection: close} is asked for anyway), and the answer says it was cut.
 */
public final class BoundedExchange {
    /** The hub's user agent on every outgoing call, whatever the caller asks for. */
    public static final String USER_AGENT = "orderhub/1 (+outbound)";
    private static final int MAX_HEADER_BYTES = 32 * 1024;
    private static final int MAX_HEADER_LINES = 200;
    /** Headers the exchange sets itself; a caller's are dropped. */
    private static final Set<String> OWN_HEADERS = Set.of("host", "user-agent", "accept-encoding", "connection",
            "content-length", "transfer-encoding");
    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    /**
     * One daemon thread closes the socket of an exchange past its deadline. A finished exchange cancels its
     * watchdog, and the cancelled task leaves the queue at once: otherwise each would hold its socket until the
     * deadline, thousands of them in a busy container.
     */
    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "outbound-deadline");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    /** Deadlines still waiting: exchanges under way. */
    static int pendingDeadlines() {
        return WATCHDOG.getQueue().size();
    }

    private BoundedExchange() {
    }

    public record Request(String method, URI uri, Map<String, String> headers, byte[] body) {
        public Request {
            headers = Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }
    }

    /**
     * @param headers lower-case names, the first value of each
     * @param truncated the answer was longer than the bound; {@code body} holds its first part
     */
    public record Answer(int status, Map<String, String> headers, byte[] body, boolean truncated) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * @param host the URL's host name as checked (for Host, SNI and the certificate check)
     * @throws IOException for any failure to get a complete status and headers within the deadline
     */
    public static Answer exchange(Request r, String host, InetAddress address, Duration deadline, Duration connectTimeout,
            int maxBody, SSLSocketFactory tls) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        boolean https = "https".equalsIgnoreCase(r.uri().getScheme());
        int port = r.uri().getPort() > 0 ? r.uri().getPort() : https ? 443 : 80;
        Socket plain = new Socket();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> closeQuietly(plain), deadline.toMillis(), TimeUnit.MILLISECONDS);
        Socket socket = plain;
        try {
            plain.connect(new InetSocketAddress(address, port), (int) Math.max(1, Math.min(connectTimeout.toMillis(), remaining(end))));
            plain.setSoTimeout((int) Math.max(1, remaining(end)));
            if (https) {
                SSLSocket ssl = (SSLSocket) tls.createSocket(plain, host, port, true);
                SSLParameters p = ssl.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                if (!host.startsWith("[") && !host.matches("[0-9.]+")) {
                    p.setServerNames(List.of(new SNIHostName(host)));
                }
                ssl.setSSLParameters(p);
                ssl.startHandshake();
                socket = ssl;
            }
            OutputStream out = socket.getOutputStream();
            out.write(head(r, host, port, https));
            out.write(r.body());
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            int status;
            Map<String, String> headers;
            do {
                status = statusLine(in);
                headers = headers(in);
            } while (status >= 100 && status < 200);
            boolean noBody = "HEAD".equals(r.method()) || status == 204 || status == 304;
            ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(maxBody, 8192));
            boolean truncated = !noBody && body(in, headers, body, maxBody);
            if (remaining(end) <= 0) {
                throw new SocketTimeoutException("deadline passed");
            }
            return new Answer(status, Map.copyOf(headers), body.toByteArray(), truncated);
        } catch (IOException e) {
            if (remaining(end) <= 0 && !(e instanceof SocketTimeoutException)) {
                throw new SocketTimeoutException("deadline passed");
            }
            throw e;
        } finally {
            watchdog.cancel(false);
            closeQuietly(socket);
            closeQuietly(plain);
        }
    }

    private static byte[] head(Request r, String host, int port, boolean https) {
        String path = r.uri().getRawPath() == null || r.uri().getRawPath().isEmpty() ? "/" : r.uri().getRawPath();
        String target = r.uri().getRawQuery() == null ? path : path + "?" + r.uri().getRawQuery();
        StringBuilder b = new StringBuilder();
        b.append(r.method()).append(' ').append(target).append(" HTTP/1.1\r\n");
        b.append("Host: ").append(host).append(port == (https ? 443 : 80) ? "" : ":" + port).append("\r\n");
        b.append("User-Agent: ").append(USER_AGENT).append("\r\n");
        b.append("Accept-Encoding: identity\r\nConnection: close\r\n");
        b.append("Content-Length: ").append(r.body().length).append("\r\n");
        r.headers().forEach((name, value) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (!n.matches("[a-z0-9-]{1,64}") || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + name + " cannot be sent");
            }
            if (!OWN_HEADERS.contains(n)) {
                b.append(name).append(": ").append(value).append("\r\n");
            }
        });
        b.append("\r\n");
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int statusLine(InputStream in) throws IOException {
        String line = line(in, 8192);
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || !line.substring(9, 12).matches("[1-5][0-9][0-9]")) {
            throw new IOException("not an HTTP answer");
        }
        return Integer.parseInt(line.substring(9, 12));
    }

    private static Map<String, String> headers(InputStream in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        int bytes = 0;
        for (int lines = 0; ; lines++) {
            String line = line(in, MAX_HEADER_BYTES);
            bytes += line.length() + 2;
            if (line.isEmpty()) {
                return headers;
            }
            if (lines > MAX_HEADER_LINES || bytes > MAX_HEADER_BYTES) {
                throw new IOException("answer headers too large");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
    }

    /** Reads the body into {@code out} up to {@code max} bytes; true when there was more. */
    private static boolean body(InputStream in, Map<String, String> headers, ByteArrayOutputStream out, int max) throws IOException {
        String te = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
        if (te.contains("chunked")) {
            while (true) {
                String sizeLine = line(in, 1024);
                int semi = sizeLine.indexOf(';');
                String hex = (semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim();
                if (!hex.matches("[0-9a-fA-F]{1,8}")) {
                    throw new IOException("bad chunk");
                }
                long size = Long.parseLong(hex, 16);
                if (size == 0) {
                    return false; // trailers are not read: the connection is closed anyway
                }
                if (copy(in, out, size, max)) {
                    return true;
                }
                line(in, 16);
            }
        }
        String cl = headers.get("content-length");
        if (cl != null) {
            if (!cl.matches("[0-9]{1,18}")) {
                throw new IOException("bad content-length");
            }
            long length = Long.parseLong(cl);
            boolean more = copy(in, out, length, max);
            if (!more && out.size() < Math.min(length, max)) {
                throw new IOException("answer cut short");
            }
            return more;
        }
        return copy(in, out, Long.MAX_VALUE, max); // until the connection closes
    }

    /** Copies up to {@code length} bytes, stopping at {@code max} in all; true when the bound cut it. */
    private static boolean copy(InputStream in, ByteArrayOutputStream out, long length, int max) throws IOException {
        byte[] buf = new byte[8192];
        long left = length;
        while (left > 0) {
            int room = max - out.size();
            if (room <= 0) {
                return true;
            }
            int n = in.read(buf, 0, (int) Math.min(Math.min(buf.length, left), room));
            if (n < 0) {
                if (length != Long.MAX_VALUE) {
                    throw new IOException("answer cut short");
                }
                return false;
            }
            out.write(buf, 0, n);
            left -= n;
        }
        return false;
    }

    private static String line(InputStream in, int max) throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("answer cut short");
            }
            if (c == '\n') {
                int n = b.length();
                return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
            }
            if (b.length() >= max) {
                throw new IOException("answer line too long");
            }
            b.append((char) c);
        }
    }

    private static long remaining(long end) {
        return TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }
}

package dev.orderhub.workflow.action;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The runner's calls to other systems (Stripe, Shopify, webhook receivers): short timeouts, a few
 * retries with backoff on network errors, 429 and 5xx, redirects not followed. A 4xx other than
 * 409 and 429 is the receiver's final word and is not retried. Every retry of one call sends the
 * same idempotency key (set by the caller), so a retried capture is still one capture.
 */
public final class OutboundHttp {
    static final int ATTEMPTS = 3;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final long backoffMillis;

    public OutboundHttp(Duration connectTimeout, Duration requestTimeout, long backoffMillis) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = requestTimeout;
        this.backoffMillis = backoffMillis;
    }

    public static OutboundHttp standard() {
        return new OutboundHttp(Duration.ofSeconds(3), Duration.ofSeconds(8), 250);
    }

    public record Response(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** POSTs; returns the final response, or throws a transient {@link ActionFailed} when none came. */
    public Response post(URI uri, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("content-type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        HttpRequest request = b.build();
        String lastError = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (!retryable(r.statusCode()) || attempt == ATTEMPTS) {
                    return new Response(r.statusCode(), r.body());
                }
                lastError = "HTTP " + r.statusCode();
            } catch (IOException e) {
                lastError = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ActionFailed.transientFailure("interrupted");
            }
            sleep(backoffMillis << (attempt - 1));
        }
        throw ActionFailed.transientFailure(uri.getHost() + " did not answer after " + ATTEMPTS + " attempts: " + lastError);
    }

    static boolean retryable(int status) {
        return status == 409 || status == 429 || status >= 500;
    }

    /** What a final non-2xx answer means for the action. */
    public static ActionFailed failure(String what, Response r) {
        String detail = "HTTP " + r.status();
        return retryable(r.status()) ? ActionFailed.transientFailure(what + " failed: " + detail)
                : ActionFailed.permanent(what + " was refused: " + detail);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

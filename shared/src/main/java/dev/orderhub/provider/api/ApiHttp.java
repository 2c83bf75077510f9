package dev.orderhub.provider.api;

import dev.orderhub.log.JsonLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The hub's one outgoing HTTP client: provider look-ups (reconciliation, sync) and workflow
 * actions (Stripe capture / cancel, Shopify cancel, outgoing webhooks). java.net.http (no extra
 * dependency), bounded connect and request timeouts, redirects not followed, and retries. A
 * network error, a timeout, a 5xx or a 409 (Stripe: the idempotency key is in use by a request
 * still running) is retried up to {@code maxAttempts} times with exponential backoff and full
 * jitter (base × 2^n, randomized, so many calls failing together do not retry in step). A 429
 * waits what {@code Retry-After} asks (seconds or an HTTP date) when that is within
 * {@code maxRetryAfter}; a longer wait ends the call, which its caller repeats later (the
 * reconciler's next run, the workflow run's message). When the retries are spent a
 * {@link ProviderApiException} says why; any other answer (2xx, 4xx) is returned to the caller.
 * Callers that send a write send the same idempotency key on every attempt.
 */
public final class ApiHttp {
    private static final JsonLog LOG = JsonLog.get(ApiHttp.class);

    /** How a wait is spent; tests count the waits instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public record Settings(Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration baseBackoff,
            Duration maxRetryAfter) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), 4,
                Duration.ofMillis(250), Duration.ofSeconds(10));
        /** Workflow actions: shorter, since a run's message is retried by its queue anyway. */
        public static final Settings ACTIONS = new Settings(Duration.ofSeconds(3), Duration.ofSeconds(8), 3,
                Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    private final HttpClient client;
    private final Settings settings;
    private final Sleeper sleeper;

    public ApiHttp(Settings settings, Sleeper sleeper) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static ApiHttp standard() {
        return new ApiHttp(Settings.DEFAULT, d -> Thread.sleep(d.toMillis()));
    }

    /** The client of workflow actions ({@link Settings#ACTIONS}). */
    public static ApiHttp forActions() {
        return new ApiHttp(Settings.ACTIONS, d -> Thread.sleep(d.toMillis()));
    }

    public Settings settings() {
        return settings;
    }

    /**
     * A provider's API base URL: the system property or environment variable {@code name} when
     * set (tests and local mode point it at a stand-in), else the provider's public endpoint.
     */
    public static URI baseUrl(String name, String fallback) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            v = System.getenv(name);
        }
        String base = v == null || v.isBlank() ? fallback : v.trim();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    /** POSTs {@code body} with the given headers until a final answer (see {@link #send}). */
    public HttpResponse<String> post(URI uri, String contentType, String body, Map<String, String> headers,
            String what) {
        return send(timeout -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("content-type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(b::header);
            return b.build();
        }, what);
    }

    /** Sends the request (built fresh for each attempt) until it gets a final answer; 2xx and 4xx other than 409 and 429 are final. */
    public HttpResponse<String> send(Function<Duration, HttpRequest> request, String what) {
        String lastProblem = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            Duration wait;
            try {
                HttpResponse<String> r = client.send(request.apply(settings.requestTimeout()),
                        HttpResponse.BodyHandlers.ofString());
                int status = r.statusCode();
                if (status == 429) {
                    Duration asked = retryAfter(r.headers().firstValue("retry-after").orElse(null));
                    if (asked.compareTo(settings.maxRetryAfter()) > 0) {
                        throw new ProviderApiException(what + ": rate limited, retry after " + asked.toSeconds() + " s");
                    }
                    wait = asked;
                    lastProblem = "429";
                } else if (status >= 500 || status == 409) {
                    wait = backoff(attempt);
                    lastProblem = "HTTP " + status;
                } else {
                    return r;
                }
            } catch (IOException e) {
                wait = backoff(attempt);
                lastProblem = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderApiException(what + ": interrupted", e);
            }
            if (attempt < settings.maxAttempts()) {
                LOG.info("outgoing HTTP retry", "what", what, "attempt", attempt, "problem", lastProblem,
                        "waitMs", wait.toMillis());
                pause(wait, what);
            }
        }
        throw new ProviderApiException(what + ": no answer after " + settings.maxAttempts() + " attempts (" + lastProblem + ")");
    }

    private Duration backoff(int attempt) {
        long cap = settings.baseBackoff().toMillis() << Math.min(attempt - 1, 16);
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }

    /** Retry-After as delta-seconds or an HTTP date; an absent or unreadable one waits one second. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Duration.ofSeconds(1);
        }
        String v = header.trim();
        if (v.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Duration d = Duration.between(java.time.Instant.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return Duration.ofSeconds(1);
        }
    }

    private void pause(Duration d, String what) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderApiException(what + ": interrupted", e);
        }
    }
}

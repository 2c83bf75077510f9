package dev.orderhub.provider.api;

import dev.orderhub.config.HubConfig;
import dev.orderhub.log.JsonLog;
import dev.orderhub.http.outbound.AddressPolicy;
import dev.orderhub.http.outbound.AddressRefused;
import dev.orderhub.http.outbound.BoundedExchange;
import dev.orderhub.http.outbound.OutboundAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import javax.net.ssl.SSLSocketFactory;

/**
 * The hub's one outgoing HTTP client: provider look-ups (reconciliation, sync) and workflow
 * actions (Stripe capture / cancel, Shopify cancel, outgoing webhooks). Every attempt resolves
 * the host once, checks every address it got ({@link OutboundAddresses}: public addresses only)
 * and connects to the address it checked ({@link BoundedExchange}): a name that points inside, or
 * re-resolves there after it was saved, is refused ({@link AddressRefused}, never retried). One
 * deadline ({@code requestTimeout}) bounds each attempt's connect, TLS, headers and body; at most
 * {@code maxAnswerBytes} of an answer are read. Redirects are not followed; the user agent is fixed.
 *
 * <p>A network error, a timeout, a 5xx or a 409 (Stripe: the idempotency key is in use by a
 * request still running) is retried up to {@code maxAttempts} times with exponential backoff and
 * full jitter (base × 2^n, randomized, so many calls failing together do not retry in step). A
 * 429 waits what {@code Retry-After} asks (seconds or an HTTP date) when that is within
 * {@code maxRetryAfter}; a longer wait ends the call, which its caller repeats later (the
 * reconciler's next run, the workflow run's message). When the retries are spent a
 * {@link ProviderApiException} says why; any other answer (2xx, 4xx) is returned to the caller.
 * Callers that send a write send the same idempotency key on every attempt.
 */
public final class ApiHttp implements OutboundHttp {
    private static final JsonLog LOG = JsonLog.get(ApiHttp.class);

    /** How a wait is spent; tests count the waits instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /**
     * @param requestTimeout the one deadline of an attempt: connect, TLS, request, headers and body
     * @param maxAnswerBytes how much of an answer is read at most; a longer one is cut there
     *     ({@link Answer#truncated}) and its body cannot be read as a whole
     */
    public record Settings(Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration baseBackoff,
            Duration maxRetryAfter, int maxAnswerBytes) {
        /** Provider look-ups and sync pages: a Stripe list page of 100 objects is well under 4 MiB. */
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), 4,
                Duration.ofMillis(250), Duration.ofSeconds(10), 4 * 1024 * 1024);
        /**
         * Workflow actions: shorter, since a run's message is retried by its queue anyway; a
         * payment intent or a Shopify order fits in 256 KiB (a webhook's answer is cut far shorter,
         * see {@link #WEBHOOK_ANSWER_BYTES}).
         */
        public static final Settings ACTIONS = new Settings(Duration.ofSeconds(3), Duration.ofSeconds(8), 3,
                Duration.ofMillis(250), Duration.ofSeconds(5), 256 * 1024);

        public Settings(Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration baseBackoff,
                Duration maxRetryAfter) {
            this(connectTimeout, requestTimeout, maxAttempts, baseBackoff, maxRetryAfter, DEFAULT.maxAnswerBytes());
        }
    }

    private final Settings settings;
    private final Sleeper sleeper;
    private final OutboundAddresses addresses;
    private final SSLSocketFactory tls;
    /** The configuration's setting of a name, or null: where {@link #baseUrl} finds a provider's API base. */
    private final Function<String, String> configured;

    public ApiHttp(Settings settings, Sleeper sleeper, OutboundAddresses addresses) {
        this(settings, sleeper, addresses, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** With no API base configured: every provider's public endpoint. */
    public ApiHttp(Settings settings, Sleeper sleeper, OutboundAddresses addresses, SSLSocketFactory tls) {
        this(settings, sleeper, addresses, tls, name -> null);
    }

    private ApiHttp(Settings settings, Sleeper sleeper, OutboundAddresses addresses, SSLSocketFactory tls,
            Function<String, String> configured) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.addresses = addresses;
        this.tls = tls;
        this.configured = configured;
    }

    /** The deployment's client: the addresses its configuration allows, the API bases it names. */
    public static ApiHttp standard(HubConfig config) {
        return configured(Settings.DEFAULT, config);
    }

    /** The client of workflow actions ({@link Settings#ACTIONS}), configured as {@link #standard}. */
    public static ApiHttp forActions(HubConfig config) {
        return configured(Settings.ACTIONS, config);
    }

    private static ApiHttp configured(Settings settings, HubConfig config) {
        return new ApiHttp(settings, d -> Thread.sleep(d.toMillis()), OutboundAddresses.fromConfiguration(config),
                (SSLSocketFactory) SSLSocketFactory.getDefault(), config::setting);
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public OutboundAddresses addresses() {
        return addresses;
    }

    /**
     * A provider's API base URL: the configuration's setting {@code name} when it has one (tests
     * and local mode point it at a stand-in), else the provider's public endpoint.
     */
    @Override
    public URI baseUrl(String name, String fallback) {
        String v = configured.apply(name);
        String base = v == null || v.isBlank() ? fallback : v.trim();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    /** POSTs {@code body} with the given headers until a final answer (see {@link #send}). */
    @Override
    public Answer post(URI uri, String contentType, String body, Map<String, String> headers, String what) {
        return post(uri, contentType, body, headers, what, settings.maxAnswerBytes());
    }

    /** As above, reading at most {@code maxAnswerBytes} of the answer. */
    @Override
    public Answer post(URI uri, String contentType, String body, Map<String, String> headers, String what,
            int maxAnswerBytes) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("content-type", contentType);
        return send(new BoundedExchange.Request("POST", uri, h, body.getBytes(StandardCharsets.UTF_8)), what,
                Math.min(maxAnswerBytes, settings.maxAnswerBytes()));
    }

    /** GETs {@code uri} until a final answer (see {@link #send}). */
    @Override
    public Answer get(URI uri, Map<String, String> headers, String what) {
        return send(new BoundedExchange.Request("GET", uri, headers, null), what, settings.maxAnswerBytes());
    }

    /** Sends the request until it gets a final answer; 2xx and 4xx other than 409 and 429 are final. */
    public Answer send(BoundedExchange.Request request, String what, int maxAnswerBytes) {
        String lastProblem = null;
        String host = AddressPolicy.host(request.uri());
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            Duration wait;
            try {
                InetAddress address = addresses.pick(request.uri());
                BoundedExchange.Answer r = BoundedExchange.exchange(request, host, address, settings.requestTimeout(),
                        settings.connectTimeout(), maxAnswerBytes, tls);
                int status = r.status();
                if (status == 429) {
                    Duration asked = retryAfter(r.header("retry-after"));
                    if (asked.compareTo(settings.maxRetryAfter()) > 0) {
                        throw new ProviderApiException(what + ": rate limited, retry after " + asked.toSeconds() + " s",
                                "rate limited");
                    }
                    wait = asked;
                    lastProblem = "HTTP 429";
                } else if (status >= 500 || status == 409) {
                    wait = backoff(attempt);
                    lastProblem = "HTTP " + status;
                } else {
                    return new Answer(status, r.headers(), r.body(), r.truncated(), what);
                }
            } catch (AddressRefused e) {
                LOG.warn("outgoing HTTP refused: address not allowed", "what", what, "host", host);
                throw e;
            } catch (IOException e) {
                // The exception class and message stay in this log: what callers record says "no answer" only.
                wait = backoff(attempt);
                lastProblem = "no answer";
                LOG.info("outgoing HTTP attempt failed", "what", what, "attempt", attempt,
                        "error", e.getClass().getSimpleName(), "detail", String.valueOf(e.getMessage()));
            }
            if (attempt < settings.maxAttempts()) {
                LOG.info("outgoing HTTP retry", "what", what, "attempt", attempt, "problem", lastProblem,
                        "waitMs", wait.toMillis());
                pause(wait, what);
            }
        }
        throw new ProviderApiException(what + ": no answer after " + settings.maxAttempts() + " attempts (" + lastProblem + ")",
                lastProblem);
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

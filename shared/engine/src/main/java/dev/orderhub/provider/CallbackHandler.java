package dev.orderhub.provider;

import dev.orderhub.delivery.Delivery;
import dev.orderhub.delivery.DeliveryLog;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.http.HttpAnswer;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.log.JsonLog;
import dev.orderhub.log.Metrics;
import dev.orderhub.order.OrderIds;
import dev.orderhub.queue.EventQueue;
import dev.orderhub.sealing.SealerUnavailable;
import dev.orderhub.site.SiteIds;
import dev.orderhub.site.SiteRepository;
import dev.orderhub.site.SiteRepository.SiteWithConfig;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The one callback pipeline every provider goes through: size and media-type limits, the
 * site's config, the provider's verification and normalization, the queue, and only then the
 * answer. Each queued event carries the request's headers as {@link ReceivedHeaders} keeps them, and its raw
 * payload without the secrets the provider says its bodies carry ({@link BodySecrets}). A refused
 * callback is never queued; a callback that could not be queued is answered
 * with 503 so that the provider delivers it again. Every callback of a known, active site, accepted
 * or refused, is noted in the site's {@link DeliveryLog} (what it was answered, never its body);
 * a callback for an unknown client id is noted nowhere.
 */
public final class CallbackHandler {
    private static final JsonLog LOG = JsonLog.get(CallbackHandler.class);
    /** The error code of a callback the hub failed on through a defect of its own (answered 500, retried by the provider). */
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private final Provider provider;
    private final SiteRepository sites;
    private final EventQueue queue;
    private final int maxBodyBytes;
    private final Clock clock;
    private final DeliveryLog deliveries;
    private final BodySecrets bodySecrets;

    public CallbackHandler(Provider provider, SiteRepository sites, EventQueue queue, int maxBodyBytes, Clock clock) {
        this(provider, sites, queue, maxBodyBytes, clock, DeliveryLog.OFF);
    }

    public CallbackHandler(Provider provider, SiteRepository sites, EventQueue queue, int maxBodyBytes, Clock clock,
            DeliveryLog deliveries) {
        this.provider = provider;
        this.sites = sites;
        this.queue = queue;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
        this.deliveries = deliveries;
        this.bodySecrets = new BodySecrets(provider.bodySecretFields());
    }

    /** What one callback found out about its site: whether the site is known and active (null: not looked up yet). */
    private static final class Attempt {
        Boolean knownSite;
    }

    public HttpAnswer handle(HttpRequest request) {
        long started = System.nanoTime();
        Instant receivedAt = clock.instant();
        String clientId = request.pathParameter("clientId");
        Attempt attempt = new Attempt();
        try {
            return process(request, clientId, started, receivedAt, attempt);
        } catch (CallbackRejection r) {
            log("rejected", clientId, null, r.code(), started);
            Metrics.count("CallbackRejected", provider.id(), safe(clientId), "reason", r.code());
            recordRefused(request, clientId, attempt, r, receivedAt);
            return provider.rejected(r);
        } catch (RuntimeException e) {
            // Storage or queue unavailable: a 5xx makes the provider retry later.
            LOG.error("callback failed", e, "provider", provider.id(), "clientId", safe(clientId));
            Metrics.count("CallbackFailed", provider.id(), safe(clientId));
            CallbackRejection r = new CallbackRejection(503, "TEMPORARILY_UNAVAILABLE", "try again later");
            recordRefused(request, clientId, attempt, r, receivedAt);
            return provider.rejected(r);
        }
    }

    /**
     * Notes a refusal in the site's log when the site is known and active. Size and media type are
     * refused before the site is read: for those the site is looked up here, through the same
     * cache and at the same cost as a callback of the right size and type (an unknown id is one
     * read either way), so that a seller also sees callbacks refused for their form.
     */
    private void recordRefused(HttpRequest request, String clientId, Attempt attempt, CallbackRejection r, Instant receivedAt) {
        if (attempt.knownSite == null && (r.status() == 413 || r.status() == 415)) {
            attempt.knownSite = knownSite(clientId);
        }
        if (Boolean.TRUE.equals(attempt.knownSite)) {
            record(clientId, Delivery.refused(receivedAt, provider.id(), r.status(), r.code(), request.body().length));
        }
    }

    private boolean knownSite(String clientId) {
        if (!SiteIds.wellFormed(clientId)) {
            return false;
        }
        try {
            Optional<SiteWithConfig> found = sites.findForCallback(clientId, provider.id());
            return found.isPresent() && found.get().site().active();
        } catch (RuntimeException e) {
            LOG.warn("site not read for the delivery log", "provider", provider.id(), "clientId", clientId,
                    "error", e.getClass().getSimpleName());
            return false;
        }
    }

    /** The log never changes the answer: it does not throw by contract, and this makes sure of it. */
    private void record(String clientId, Delivery d) {
        try {
            deliveries.record(clientId, d);
        } catch (RuntimeException e) {
            LOG.warn("delivery not recorded", "provider", provider.id(), "clientId", clientId, "error", e.getClass().getSimpleName());
        }
    }

    private HttpAnswer process(HttpRequest request, String clientId, long started, Instant receivedAt,
            Attempt attempt) {
        if (request.body().length > maxBodyBytes) {
            throw new CallbackRejection(413, "PAYLOAD_TOO_LARGE", "body exceeds " + maxBodyBytes + " bytes");
        }
        if (!SiteIds.wellFormed(clientId)) {
            throw CallbackRejection.notFound();
        }
        if (!provider.mediaTypes().contains(request.mediaType())) {
            throw new CallbackRejection(415, "UNSUPPORTED_MEDIA_TYPE", "expected " + String.join(" or ", provider.mediaTypes()));
        }
        Optional<SiteWithConfig> found = sites.findForCallback(clientId, provider.id());
        if (!accepting(found) && sites.readAgainBeforeRefusing(clientId)) {
            // Refuse only on what the table says now (within a second): the config may have been added a moment ago.
            found = sites.findForCallback(clientId, provider.id());
        }
        attempt.knownSite = found.isPresent() && found.get().site().active();
        if (!accepting(found)) {
            throw CallbackRejection.notFound();
        }
        CallbackDecision decision;
        try {
            decision = verifyAndNormalize(request, found.get(), clientId);
        } catch (CallbackRejection r) {
            // A secret added or rotated within the cache's lifetime: verify once more against the table's
            // config, unless it was read less than a second ago (refused signatures cannot force more reads).
            if (r.status() != 401 || !sites.readAgainBeforeRefusing(clientId)) {
                throw r;
            }
            found = sites.findForCallback(clientId, provider.id());
            if (!accepting(found)) {
                throw CallbackRejection.notFound();
            }
            decision = verifyAndNormalize(request, found.get(), clientId);
        }
        if (!decision.events().isEmpty()) {
            // The request headers travel with each event into the order's history, secrets removed.
            Map<String, String> headers = ReceivedHeaders.kept(request.headers(), provider);
            queue.send(decision.events().stream().map(e -> e.withHeaders(headers)).map(this::withoutBodySecrets).toList());
        }
        String eventId = decision.events().isEmpty() ? null : decision.events().get(0).eventId();
        Metrics.count(decision.events().isEmpty() ? "CallbackIgnored" : "CallbackQueued", provider.id(), clientId);
        Metrics.millis("CallbackLatency", (System.nanoTime() - started) / 1_000_000, provider.id(), clientId);
        log(decision.events().isEmpty() ? "ignored" : "queued", clientId, eventId,
                decision.note(), started, decision.events().size());
        HttpAnswer answer = provider.accepted(decision);
        record(clientId, accepted(decision, answer.status(), receivedAt, request.body().length));
        return answer;
    }

    /** Whatever the normalizer kept of the body, the provider's body secrets never reach the queue. */
    private PaymentEvent withoutBodySecrets(PaymentEvent e) {
        return bodySecrets.fields().isEmpty() ? e : e.withRaw(bodySecrets.removedFromBody(e.raw()));
    }

    private Delivery accepted(CallbackDecision decision, int status, Instant receivedAt, int size) {
        if (decision.events().isEmpty()) {
            return new Delivery(receivedAt, provider.id(), Delivery.Outcome.IGNORED, status, decision.note(), size, null, null, 0);
        }
        var first = decision.events().get(0);
        return new Delivery(receivedAt, provider.id(), Delivery.Outcome.QUEUED, status, null, size, first.eventId(),
                OrderIds.of(first.clientId(), first.provider(), first.orderRef()), decision.events().size());
    }

    private static boolean accepting(Optional<SiteWithConfig> found) {
        return found.isPresent() && found.get().site().active() && found.get().config() != null;
    }

    /**
     * The provider's step. A payload it cannot read fails validation with an
     * IllegalArgumentException (the JSON, number and money parsers', PaymentEvent's and the
     * providers' own checks) or a date-time parse error: that is the provider's "unreadable"
     * answer. Anything else (a NullPointerException, a ClassCastException…) is a defect of the
     * hub, not of the payload: it is logged as an error and answered 500, so that the provider
     * delivers the callback again once the defect is fixed, instead of a 4xx that drops it. A
     * secret of the site's that cannot be opened now ({@link SealerUnavailable}: the key service
     * failed) is neither: it is answered 503 like a store that could not be read.
     */
    private CallbackDecision verifyAndNormalize(HttpRequest request, SiteWithConfig site, String clientId) {
        try {
            return provider.verifyAndNormalize(request, site.config(), clientId, clock.instant());
        } catch (CallbackRejection | SealerUnavailable passOn) {
            throw passOn;
        } catch (IllegalArgumentException | DateTimeException malformed) {
            LOG.warn("payload could not be read", "provider", provider.id(), "clientId", clientId,
                    "error", malformed.getClass().getSimpleName());
            throw provider.unreadable(malformed);
        } catch (RuntimeException unexpected) {
            LOG.error("callback failed on an unexpected exception", unexpected, "provider", provider.id(), "clientId", clientId);
            Metrics.count("CallbackDefect", provider.id(), clientId);
            throw new CallbackRejection(500, INTERNAL_ERROR, "the hub could not process this callback; it was not queued");
        }
    }

    private void log(String outcome, String clientId, String eventId, String reason, long started, int... count) {
        LOG.info("callback " + outcome,
                "provider", provider.id(),
                "clientId", safe(clientId),
                "eventId", eventId,
                "outcome", outcome,
                "reason", reason,
                "events", count.length > 0 ? count[0] : 0,
                "latencyMs", (System.nanoTime() - started) / 1_000_000);
    }

    /** Client ids from the URL are logged only when they look like ids, never as arbitrary text. */
    private static String safe(String clientId) {
        return SiteIds.wellFormed(clientId) ? clientId : "invalid";
    }
}

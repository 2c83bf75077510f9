package dev.orderhub.provider;

import dev.orderhub.http.HttpAnswer;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.site.ProviderConfig;
import java.time.Instant;
import java.util.Set;

/**
 * One payment platform's webhook: how it is verified, how it is normalized into payment events,
 * and how the platform expects to be answered. Adding a platform means implementing this in its
 * own package ({@code provider/<name>}); {@link CallbackHandler} around it never changes.
 */
public interface Provider {
    /** The path segment in {@code /callbacks/{provider}/{clientId}} and the config's name. */
    String id();

    /** Names of the write-only secrets an admin sets for this platform (e.g. "verificationToken"). */
    Set<String> secretNames();

    /**
     * Of {@link #secretNames()}, those that hold a secret being rotated out: accepted next to the
     * current one until they expire (a day by default, at most seven, as Stripe's own roll) or are
     * removed. None by default.
     */
    default Set<String> previousSecretNames() {
        return Set.of();
    }

    /**
     * Names of the plain (non-secret) settings an admin may set for this platform, stored as text in
     * {@link ProviderConfig#settings()} (e.g. Stripe's "toleranceSeconds"). None by default.
     */
    default Set<String> settingNames() {
        return Set.of();
    }

    /**
     * Checks one setting's value before it is stored; throws {@link IllegalArgumentException}
     * with a message for the admin when the value is not acceptable.
     */
    default void validateSetting(String name, String value) {}

    /**
     * Fields of the callback body that hold a secret of the site's (Ko-fi's verification token):
     * removed wherever a body is shown again (a dead letter's payload). None by default: the other
     * platforms sign in headers.
     */
    default Set<String> bodySecretFields() {
        return Set.of();
    }

    /**
     * Request headers (lower case) this platform sends that hold nothing secret, kept verbatim with the
     * event for the seller to read: its event type, id, topic, timestamp… Every other header is kept by
     * name only (see {@link ReceivedHeaders}). None by default.
     */
    default Set<String> plainHeaders() {
        return Set.of();
    }

    /** Headers (lower case) that carry this platform's signature: never kept, not even by name. None by default. */
    default Set<String> signatureHeaders() {
        return Set.of();
    }

    /** Media types the platform sends; anything else is refused with 415. */
    Set<String> mediaTypes();

    /**
     * Verifies the request against the site's config (in constant time) and normalizes it.
     * Throws {@link CallbackRejection} for anything that must not be queued.
     */
    CallbackDecision verifyAndNormalize(HttpRequest request, ProviderConfig config, String clientId, Instant now);

    /**
     * How to refuse a callback whose normalizer failed unexpectedly on a value it could not read
     * (a timestamp out of range, say): never queued, and by default a 400, since a payload the
     * hub cannot read will not become readable on a retry. A provider for which a 4xx has side
     * effects overrides this (Xsolla refunds the buyer on some 4xx answers).
     */
    default CallbackRejection unreadable(RuntimeException cause) {
        return CallbackRejection.badRequest("payload could not be read (" + cause.getClass().getSimpleName() + ")");
    }

    /** The answer once the events are durably queued. */
    default HttpAnswer accepted(CallbackDecision decision) {
        return HttpAnswer.json(200, java.util.Map.of("status", "accepted"));
    }

    /** The answer to a refused callback, in the shape this platform expects. */
    default HttpAnswer rejected(CallbackRejection rejection) {
        return HttpAnswer.error(rejection.status(), rejection.code(), rejection.getMessage());
    }
}

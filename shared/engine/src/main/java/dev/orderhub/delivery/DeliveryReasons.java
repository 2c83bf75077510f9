package dev.orderhub.delivery;

import java.util.Map;

/**
 * The one place the words for a delivery's outcome live: each reason code a callback can be
 * answered with, explained for the seller in a sentence the admin page shows as it is.
 */
public final class DeliveryReasons {
    /** Code → sentence; {@code %s} is the provider's name. */
    static final Map<String, String> EXPLANATIONS = Map.ofEntries(
            Map.entry("INVALID_TOKEN", "The verification token does not match the one saved for %s."),
            Map.entry("INVALID_SIGNATURE", "The signature is missing or does not match the secret saved for %s."),
            Map.entry("MISSING_SIGNATURE", "The request carried no %s signature header."),
            Map.entry("STALE_TIMESTAMP", "The signature's time is outside the tolerance: a replayed request, or a clock far off."),
            Map.entry("UNSUPPORTED_MEDIA_TYPE", "The request's content type is not one %s sends."),
            Map.entry("PAYLOAD_TOO_LARGE", "The request body is larger than the hub accepts."),
            Map.entry("INVALID_PAYLOAD", "The body could not be read as a %s notification."),
            Map.entry("INVALID_PARAMETER", "The body is not a %s notification the hub can read."),
            Map.entry("INVALID_USER", "%s asked about a user this site does not know."),
            Map.entry("NOT_FOUND", "%s is not set up for this site."),
            Map.entry("INTERNAL_ERROR", "The hub failed on this callback through a defect of its own; %s will deliver it again."),
            Map.entry("UNPROCESSABLE_NOTIFICATION", "The hub could not process this signed notification; %s will deliver it again."),
            Map.entry("TEMPORARILY_UNAVAILABLE", "The hub could not queue the callback just then; %s will deliver it again."));

    private DeliveryReasons() {}

    /**
     * The sentence for a delivery: its reason's, or its outcome's when it was accepted.
     *
     * @param providerName the provider's name as sellers know it ({@code ProviderCatalog#displayName})
     */
    public static String explain(Delivery d, String providerName) {
        return switch (d.outcome()) {
            case QUEUED -> "Accepted and queued: the order is updated from it.";
            case IGNORED -> "Accepted, nothing to do" + (d.reason() == null || d.reason().isBlank() ? "." : ": " + d.reason() + ".");
            case REFUSED -> EXPLANATIONS.getOrDefault(d.reason(), "%s was answered " + d.reason() + ".").replace("%s", providerName);
        };
    }
}

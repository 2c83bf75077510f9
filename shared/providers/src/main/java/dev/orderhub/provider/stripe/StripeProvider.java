package dev.orderhub.provider.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.http.HttpAnswer;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.json.Json;
import dev.orderhub.provider.CallbackDecision;
import dev.orderhub.provider.CallbackRejection;
import dev.orderhub.provider.Provider;
import dev.orderhub.provider.SecretRotation;
import dev.orderhub.site.ProviderConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stripe: a JSON Event object POSTed to the endpoint, signed in the {@code Stripe-Signature}
 * header ({@link StripeSignature}); normalized by {@link StripeNormalizer}. Stripe reads only
 * the status of the answer: 2xx means delivered, anything else is retried for up to three days.
 */
public final class StripeProvider implements Provider {
    public static final String ID = "stripe";
    /** The endpoint's signing secret (whsec_…), Dashboard → Developers → Webhooks. */
    public static final String WEBHOOK_SECRET = "webhookSecret";
    /** The secret being rotated out; accepted as well until it expires or the admin removes it. */
    public static final String PREVIOUS_WEBHOOK_SECRET = "previousWebhookSecret";
    /** Replay window in seconds (1..3600), default 300 as in Stripe's libraries. */
    public static final String TOLERANCE_SECONDS = "toleranceSeconds";
    private static final int MAX_TOLERANCE_SECONDS = 3600;
    private static final SecretRotation SECRETS = new SecretRotation(WEBHOOK_SECRET, PREVIOUS_WEBHOOK_SECRET);
    private static final Pattern TOLERANCE = Pattern.compile("[0-9]{1,4}");
    /**
     * Secret API key ({@code sk_…}, or a restricted {@code rk_…} with write access to PaymentIntents):
     * the reconciler reads payment intents whose events stopped coming, workflows capture and cancel.
     */
    public static final String API_KEY = "apiKey";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> secretNames() {
        return Set.of(WEBHOOK_SECRET, PREVIOUS_WEBHOOK_SECRET, API_KEY);
    }

    @Override
    public Set<String> previousSecretNames() {
        return Set.of(PREVIOUS_WEBHOOK_SECRET);
    }

    @Override
    public Set<String> settingNames() {
        return Set.of(TOLERANCE_SECONDS);
    }

    @Override
    public void validateSetting(String name, String value) {
        if (TOLERANCE_SECONDS.equals(name) && parseTolerance(value) == null) {
            throw new IllegalArgumentException(TOLERANCE_SECONDS + " must be a whole number of seconds from 1 to "
                    + MAX_TOLERANCE_SECONDS);
        }
    }

    @Override
    public Set<String> signatureHeaders() {
        return Set.of(StripeSignature.HEADER);
    }

    @Override
    public Set<String> mediaTypes() {
        return Set.of("application/json");
    }

    @Override
    public CallbackDecision verifyAndNormalize(HttpRequest request, ProviderConfig config, String clientId, Instant now) {
        StripeSignature.verify(request.header(StripeSignature.HEADER), request.body(), SECRETS.accepted(config, now), now,
                tolerance(config));
        String body = request.bodyText();
        // Most events carry no client_secret: keep Stripe's exact text then, and read only what the
        // normalizer needs. Otherwise the whole tree is needed to store the event without it. A body
        // with any JSON unicode escape (backslash, u) takes that path too: it could spell the key.
        boolean clientSecret = body.contains("client_secret") || body.contains("\\u");
        JsonNode event = parse(body, !clientSecret);
        if (!event.isObject() || !"event".equals(Json.text(event, "object"))) {
            throw CallbackRejection.badRequest("body is not a Stripe event object");
        }
        String raw = clientSecret ? storedRaw(event) : body;
        return StripeNormalizer.normalize(event, raw, clientId, now);
    }

    /** The event as {@link StripeEventReader} reads it when {@code onlyWhatIsRead}, else the whole tree. */
    private static JsonNode parse(String body, boolean onlyWhatIsRead) {
        try {
            JsonNode event = onlyWhatIsRead ? StripeEventReader.read(body) : null;
            return event != null ? event : Json.parse(body);
        } catch (IllegalArgumentException e) {
            throw CallbackRejection.badRequest("body is not JSON");
        }
    }

    /** Stripe only checks the status; the body is for people reading the Dashboard's delivery log. */
    @Override
    public HttpAnswer accepted(CallbackDecision decision) {
        return HttpAnswer.json(200, Map.of("received", true));
    }

    static Duration tolerance(ProviderConfig config) {
        Integer seconds = parseTolerance(config.settings().get(TOLERANCE_SECONDS));
        return seconds == null ? StripeSignature.DEFAULT_TOLERANCE : Duration.ofSeconds(seconds);
    }

    private static Integer parseTolerance(String value) {
        if (value == null || !TOLERANCE.matcher(value.trim()).matches()) {
            return null;
        }
        int seconds = Integer.parseInt(value.trim());
        return seconds >= 1 && seconds <= MAX_TOLERANCE_SECONDS ? seconds : null;
    }

    /**
     * The event as the hub keeps it: without {@code client_secret} (payment and setup intents
     * carry one, and it lets a browser confirm the intent), wherever it appears.
     */
    static String storedRaw(JsonNode event) {
        JsonNode copy = event.deepCopy();
        removeClientSecrets(copy, 0);
        return copy.toString();
    }

    private static void removeClientSecrets(JsonNode node, int depth) {
        if (depth > 64 || !node.isContainerNode()) {
            return;
        }
        if (node.isObject()) {
            ((ObjectNode) node).remove("client_secret");
        }
        for (JsonNode child : node) {
            removeClientSecrets(child, depth + 1);
        }
    }
}

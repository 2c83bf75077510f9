package dev.orderhub.provider.xsolla;

import dev.orderhub.event.EventKind;
import dev.orderhub.http.HttpAnswer;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.provider.CallbackDecision;
import dev.orderhub.provider.CallbackRejection;
import dev.orderhub.provider.Provider;
import dev.orderhub.provider.SecretRotation;
import dev.orderhub.site.ProviderConfig;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Xsolla: a JSON POST signed with {@code Authorization: Signature <sha1(body + project secret)>}
 * (see {@link XsollaSignature}). Answers as Xsolla expects: 204 without a body on success, and
 * {@code {"error":{"code","message"}}} with Xsolla's codes otherwise.
 *
 * <p><b>Which errors are 4xx.</b> Xsolla may refund the buyer automatically when an
 * {@code order_paid} is answered 400, 401, 402, 403, 404, 409, 415 or 422. So a 4xx means only
 * "this is not a notification from your Xsolla project": a bad or missing signature (400
 * INVALID_SIGNATURE), a body that is not a JSON notification (400 INVALID_PARAMETER), an unknown
 * site (404), a wrong content type (415); plus the one deliberate refusal, an unknown user in
 * {@code user_validation} (400 INVALID_USER). A correctly signed notification the hub cannot
 * read is the hub's fault and is answered 500 (UNPROCESSABLE_NOTIFICATION), as is a queue that is
 * down (503): Xsolla then retries. A body over the size cap is answered 413, which Xsolla also
 * retries rather than refunding.
 */
public final class XsollaProvider implements Provider {
    public static final String ID = "xsolla";
    /** The secret key under Publisher Account → project → Project settings → Webhooks. */
    public static final String PROJECT_SECRET = "projectSecret";
    /** The previous secret key, accepted too while a new one is being rolled out, until it expires or is removed. */
    public static final String PREVIOUS_PROJECT_SECRET = "previousProjectSecret";
    private static final SecretRotation SECRETS = new SecretRotation(PROJECT_SECRET, PREVIOUS_PROJECT_SECRET);

    /**
     * The API key (Publisher Account → Company settings → API keys), for the reconciler's order
     * look-ups and the subscription sync. The sync's merchant-wide list needs a key valid in all
     * the company's projects (a Company settings key, not a Project settings one).
     */
    public static final String API_KEY = "apiKey";
    /** The project id (next to the project's name in Publisher Account): the Basic auth user and the URL's project. */
    public static final String PROJECT_ID_SETTING = "projectId";
    /**
     * The merchant (company) id (Publisher Account → Company settings → Company): the Basic auth
     * user of the merchant API the subscription sync lists with ({@link XsollaSync}).
     */
    public static final String MERCHANT_ID_SETTING = "merchantId";

    public static final String USER_VALIDATION_SETTING = XsollaUserValidation.MODE;
    public static final String ALLOWED_USERS_SETTING = XsollaUserValidation.ALLOWED_USERS;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> secretNames() {
        return Set.of(PROJECT_SECRET, PREVIOUS_PROJECT_SECRET, API_KEY);
    }

    @Override
    public Set<String> previousSecretNames() {
        return Set.of(PREVIOUS_PROJECT_SECRET);
    }

    @Override
    public Set<String> settingNames() {
        Set<String> names = new java.util.HashSet<>(XsollaUserValidation.settingNames());
        names.add(PROJECT_ID_SETTING);
        names.add(MERCHANT_ID_SETTING);
        return Set.copyOf(names);
    }

    @Override
    public void validateSetting(String name, String value) {
        if (PROJECT_ID_SETTING.equals(name)) {
            if (value == null || !value.matches("[0-9]{1,12}")) {
                throw new IllegalArgumentException(PROJECT_ID_SETTING + " must be the numeric Xsolla project id");
            }
            return;
        }
        if (MERCHANT_ID_SETTING.equals(name)) {
            if (value == null || !value.matches("[0-9]{1,12}")) {
                throw new IllegalArgumentException(MERCHANT_ID_SETTING + " must be the numeric Xsolla merchant id");
            }
            return;
        }
        XsollaUserValidation.validate(name, value);
    }

    /** Xsolla signs in the Authorization header. */
    @Override
    public Set<String> signatureHeaders() {
        return Set.of("authorization");
    }

    @Override
    public Set<String> mediaTypes() {
        return Set.of("application/json");
    }

    @Override
    public CallbackDecision verifyAndNormalize(HttpRequest request, ProviderConfig config, String clientId, Instant now) {
        if (!XsollaSignature.verify(request.header("authorization"), request.body(), SECRETS.accepted(config, now))) {
            throw new CallbackRejection(400, "INVALID_SIGNATURE", "missing or invalid Authorization signature");
        }
        XsollaPayload payload;
        try {
            payload = XsollaPayload.parse(request.body());
        } catch (IllegalArgumentException e) {
            throw new CallbackRejection(400, "INVALID_PARAMETER", e.getMessage());
        }
        String type = payload.type();
        if (type == null) {
            throw new CallbackRejection(400, "INVALID_PARAMETER", "notification_type is missing");
        }
        if (XsollaTypes.USER_VALIDATION.equals(type)) {
            if (!XsollaUserValidation.isKnown(config, payload.userId())) {
                throw new CallbackRejection(400, "INVALID_USER", "user is not known to this site");
            }
            return CallbackDecision.ignore("user_validation: known user");
        }
        String raw = request.bodyText(); // Xsolla's body holds no secret: it is kept as sent
        EventKind purchase = XsollaTypes.PURCHASE.get(type);
        if (purchase != null) {
            return CallbackDecision.enqueue(List.of(XsollaPurchases.normalize(payload, purchase, raw, clientId, now)));
        }
        EventKind subscription = XsollaTypes.SUBSCRIPTION.get(type);
        if (subscription != null) {
            return CallbackDecision.enqueue(List.of(XsollaSubscriptions.normalize(payload, subscription, raw, clientId, now)));
        }
        return CallbackDecision.ignore("notification type not tracked");
    }

    /** Xsolla's documented success answer for every notification: 204, no body. */
    @Override
    public HttpAnswer accepted(CallbackDecision decision) {
        return HttpAnswer.empty(204);
    }

    /** Xsolla's error shape; the generic pipeline's codes are translated to Xsolla's where they differ. */
    @Override
    public HttpAnswer rejected(CallbackRejection rejection) {
        return switch (rejection.code()) {
            case "INVALID_SIGNATURE" -> HttpAnswer.error(400, "INVALID_SIGNATURE", rejection.getMessage());
            case "INVALID_PAYLOAD" -> HttpAnswer.error(400, "INVALID_PARAMETER", rejection.getMessage());
            default -> HttpAnswer.error(rejection.status(), rejection.code(), rejection.getMessage());
        };
    }

    /** Xsolla refunds the buyer on some 4xx answers to order_paid, so an unreadable notification gets a 500. */
    @Override
    public CallbackRejection unreadable(RuntimeException cause) {
        return unreadable("notification could not be read (" + cause.getClass().getSimpleName() + ")");
    }

    /** A correctly signed notification the hub cannot read: its fault, so a 5xx that Xsolla retries. */
    static CallbackRejection unreadable(String why) {
        return new CallbackRejection(500, "UNPROCESSABLE_NOTIFICATION", why);
    }
}

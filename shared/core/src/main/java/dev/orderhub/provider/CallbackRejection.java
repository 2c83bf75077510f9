package dev.orderhub.provider;

/**
 * A callback the hub refuses. It carries the HTTP status and a short code; each provider turns
 * it into the body shape that provider expects. Nothing rejected is ever queued.
 */
public final class CallbackRejection extends RuntimeException {
    private final int status;
    private final String code;

    public CallbackRejection(int status, String code, String message) {
        super(message, null, false, false); // no stack trace: rejections are expected traffic
        this.status = status;
        this.code = code;
    }

    public static CallbackRejection badRequest(String message) {
        return new CallbackRejection(400, "INVALID_PAYLOAD", message);
    }

    public static CallbackRejection badSignature(String message) {
        return new CallbackRejection(401, "INVALID_SIGNATURE", message);
    }

    public static CallbackRejection notFound() {
        return new CallbackRejection(404, "NOT_FOUND", "no such site or provider configuration");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}

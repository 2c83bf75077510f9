package dev.orderhub.http;

/** An API answer other than success, thrown from anywhere in a handler and rendered in the one error shape. */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    public ApiError(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiError invalid(String field, String message) {
        return new ApiError(400, "INVALID_INPUT", message, field);
    }

    /** A paging cursor that is not one this route gave for this site and these parameters: page again from the start. */
    public static ApiError invalidCursor() {
        return new ApiError(400, "INVALID_CURSOR", "cursor is not valid for this list; start again without it", "cursor");
    }

    public static ApiError notFound() {
        return new ApiError(404, "NOT_FOUND", "not found", null);
    }

    public static ApiError unauthorized() {
        return new ApiError(401, "UNAUTHORIZED", "a valid admin key is required", null);
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, "FORBIDDEN", message, null);
    }

    /** The answer in the one error shape; a function returns it as {@code HttpResponses.error(e)}. */
    public HttpAnswer answer() {
        return HttpAnswer.error(status, code, getMessage(), field);
    }

    public int status() {
        return status;
    }
}

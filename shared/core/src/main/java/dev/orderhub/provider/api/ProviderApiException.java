package dev.orderhub.provider.api;

/**
 * A provider's API could not answer a look-up: network failure or 5xx after the retries, a
 * rate limit longer than the client waits, refused credentials, or an answer it could not read.
 * The message names the cause and never carries a credential. {@link #problem} is the short
 * cause alone ("HTTP 503", "no answer", "rate limited"), fit for a record any viewer of the site
 * reads: it never names an exception class or a message of the network stack.
 */
public class ProviderApiException extends RuntimeException {
    private final String problem;

    public ProviderApiException(String message) {
        this(message, "failed");
    }

    public ProviderApiException(String message, String problem) {
        super(message, null, false, false);
        this.problem = problem;
    }

    public ProviderApiException(String message, Throwable cause) {
        super(message, cause, false, false);
        this.problem = "failed";
    }

    public String problem() {
        return problem;
    }
}

package dev.orderhub.provider.api;

/**
 * A provider's API could not answer a look-up: network failure or 5xx after the retries, a
 * rate limit longer than the client waits, refused credentials, or an answer it could not read.
 * The message names the cause and never carries a credential.
 */
public final class ProviderApiException extends RuntimeException {
    public ProviderApiException(String message) {
        super(message, null, false, false);
    }

    public ProviderApiException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}

package dev.orderhub.sealing;

/**
 * The key service a sealer needs could not be reached, failed or throttled on every attempt: the
 * secret is not unreadable ({@link SealedSecretUnreadable}), only not readable now, and the same
 * call may succeed later. A callback that needed the secret is answered 503, so that its provider
 * delivers it again.
 */
public final class SealerUnavailable extends RuntimeException {
    public SealerUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}

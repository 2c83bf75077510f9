package dev.orderhub.sealing;

/** A sealed secret that this function cannot open, and will not be able to on a retry either. */
public final class SealedSecretUnreadable extends RuntimeException {
    public SealedSecretUnreadable(String message) {
        super(message);
    }

    public SealedSecretUnreadable(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.orderhub.sealing;

/**
 * Seals secrets before they are stored, and opens them for the function that needs one. A sealed
 * value is text that starts with its sealer's tag ({@code kms1:}, {@code local1:}); it opens only
 * with the same {@link SealContext}.
 */
public interface Sealer {
    /** @throws SealerUnavailable when the key service could not be reached or is throttling */
    String seal(String plaintext, SealContext context);

    /**
     * The secret in {@code sealed}.
     *
     * @throws SealedSecretUnreadable when it cannot be opened by this sealer under this context (tampered,
     *     moved to another site or field, another key, or this function may not open it): a permanent refusal
     * @throws SealerUnavailable when the key service could not be reached or is throttling: worth trying
     *     again later
     */
    String open(String sealed, SealContext context);

    /** For functions with no sealing key configured: nothing can be sealed or opened. */
    static Sealer unconfigured() {
        return new Sealer() {
            @Override
            public String seal(String plaintext, SealContext context) {
                throw new IllegalStateException("no sealing key is configured (SEALING_KEY_ARN)");
            }

            @Override
            public String open(String sealed, SealContext context) {
                throw new SealedSecretUnreadable("no sealing key is configured (SEALING_KEY_ARN)");
            }
        };
    }
}

package dev.orderhub.risk;

/**
 * Risk rules that cannot be used, naming the field at fault as a path ({@code velocityCount},
 * {@code amountThresholds.KRW}); the message starts with that path.
 */
public final class InvalidRiskRules extends IllegalArgumentException {
    private final String field;

    InvalidRiskRules(String field, String problem) {
        super(field == null ? problem : field + ": " + problem);
        this.field = field;
    }

    /** The path of the field at fault; null when the rules as a whole are wrong (not an object). */
    public String field() {
        return field;
    }
}

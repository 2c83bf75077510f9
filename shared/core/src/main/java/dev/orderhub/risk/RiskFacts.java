package dev.orderhub.risk;

/**
 * What the hub knows about an order's buyer beyond the order itself.
 *
 * @param ordersFromEmailInWindow orders from the buyer's e-mail in the current velocity window,
 *     this one included (0 when the order has no e-mail)
 * @param firstOrder whether this is the first order the site has seen from the buyer's e-mail
 */
public record RiskFacts(int ordersFromEmailInWindow, boolean firstOrder) {
    public static final RiskFacts UNKNOWN = new RiskFacts(0, false);
}

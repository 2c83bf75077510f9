package dev.orderhub.workflow.action;

/**
 * Per-site stock counts of items, which a canceled order's items go back to. Each restock carries
 * the action's key and is refused if the item already took it, so a retried cancel restocks once.
 */
public interface StockCounts {

    /** Adds {@code quantity} to the item's count unless restock {@code restockKey} was applied; true when it was added now. */
    boolean restock(String clientId, String item, int quantity, String restockKey);

    long count(String clientId, String item);
}

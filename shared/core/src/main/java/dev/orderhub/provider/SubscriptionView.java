package dev.orderhub.provider;

import com.fasterxml.jackson.databind.JsonNode;

/** The fields of the site's subscription list, read from a provider's subscription record. */
public interface SubscriptionView {
    /** The plan or price subscribed to. */
    String plan(JsonNode data);

    /** When the next charge is due, null when none will come. */
    String nextCharge(JsonNode data);

    /** The provider's id of the buyer (the list's {@code buyer} filter compares with it). */
    String buyer(JsonNode data);

    /** A field's text, null when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }
}

package dev.orderhub.provider.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import java.util.Arrays;
import java.util.Optional;

/** The topics the hub subscribes to, and what each means for the order. */
enum ShopifyTopic {
    /** A new order: pending, unless it was created already authorized or paid (financial_status). */
    ORDERS_CREATE("orders/create") {
        @Override
        Optional<PaymentEvent> normalize(JsonNode json, ShopifyDelivery d) {
            String financial = Json.text(json, "financial_status");
            EventKind kind = "paid".equals(financial) ? EventKind.PAYMENT_SUCCEEDED
                    : "authorized".equals(financial) ? EventKind.PAYMENT_AUTHORIZED
                    : EventKind.PAYMENT_PENDING;
            return Optional.of(ShopifyEvents.order(json, d, kind));
        }
    },
    ORDERS_PAID("orders/paid") {
        @Override
        Optional<PaymentEvent> normalize(JsonNode json, ShopifyDelivery d) {
            return Optional.of(ShopifyEvents.order(json, d, EventKind.PAYMENT_SUCCEEDED));
        }
    },
    ORDERS_CANCELLED("orders/cancelled") {
        @Override
        Optional<PaymentEvent> normalize(JsonNode json, ShopifyDelivery d) {
            return Optional.of(ShopifyEvents.order(json, d, EventKind.PAYMENT_CANCELED));
        }
    },
    ORDERS_FULFILLED("orders/fulfilled") {
        @Override
        Optional<PaymentEvent> normalize(JsonNode json, ShopifyDelivery d) {
            return Optional.of(ShopifyEvents.order(json, d, EventKind.FULFILLED));
        }
    },
    /** Money back: the successful refund transactions' sum; a refund that moved no money is ignored. */
    REFUNDS_CREATE("refunds/create") {
        @Override
        Optional<PaymentEvent> normalize(JsonNode json, ShopifyDelivery d) {
            return ShopifyEvents.refund(json, d);
        }
    },
    /** Kept on the order as attribute shopify.risk_level; ignored when it names no order. */
    ORDERS_RISK_ASSESSMENT_CHANGED("orders/risk_assessment_changed") {
        @Override
        Optional<PaymentEvent> normalize(JsonNode json, ShopifyDelivery d) {
            return ShopifyEvents.risk(json, d);
        }
    };

    private final String wire;

    ShopifyTopic(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    /** The event for this delivery, or empty when it has no effect on any order. */
    abstract Optional<PaymentEvent> normalize(JsonNode json, ShopifyDelivery delivery);

    static Optional<ShopifyTopic> of(String topic) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(topic)).findFirst();
    }

    /** An unsigned header goes into logs only when it looks like a topic. */
    static String loggable(String topic) {
        return topic.matches("[a-z_]{1,40}/[a-z_]{1,60}") ? topic : "(malformed)";
    }
}
